package io.kafkasse.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RepetitionBoundTest {

    @Test
    void aPatternWithoutCountedRepetitionsRepeatsNothing() {
        assertEquals(1, RepetitionBound.of("order-\\d+-(eu|us)*.*"));
    }

    @Test
    void countsTakeTheirLargestBound() {
        assertEquals(7, RepetitionBound.of("a{7}"));
        assertEquals(9, RepetitionBound.of("a{2,9}"));
        assertEquals(4, RepetitionBound.of("a{4,}"));
        assertEquals(9, RepetitionBound.of("a{2,9}?b{3}+"));
    }

    @Test
    void nestedCountsMultiply() {
        assertEquals(1_000, RepetitionBound.of("(?:(?:a{10}){10}){10}"));
        assertEquals(50, RepetitionBound.of("(x{5}|(y{2}){25})"));
        assertEquals(6, RepetitionBound.of("a{2}{3}"));
    }

    @Test
    void theEmptyGroupRepeatedBeyondCountingIsCappedJustAboveTheLimit() {
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:(?:){2147483647}){2147483647}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:(?:){1000}){2}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("a{99999999999999999999}"));
    }

    @Test
    void bracesInClassesEscapesAndQuotesAreNotCounts() {
        assertEquals(1, RepetitionBound.of("[{9999}]\\{9999}"));
        assertEquals(1, RepetitionBound.of("\\Q(a){9999}\\E"));
        assertEquals(1, RepetitionBound.of("[[a-z]&&[{]]x"));
    }

    @Test
    void aBracketFirstInAClassIsACharacterOfIt() {
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:[])](?:){999}){999}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:[^])](?:){999}){999}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:[\\Q\\E])]|(?:){999}){999}")); // \Q\E is deleted first
    }

    @Test
    void aBracketInsideAClassIsCountedBothAsJavaNestsItAndAsRe2ReadsIt() {
        // RE2: the class [?(?:[^] ends at its first ']', and three counts follow; java.util.regex: one unclosed class.
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("[^])]?(?:[?(?:[^](?:(?:(?:){999}){999}){999}){999}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:[a[](?:){999}){999}"));
        // A POSIX class inside a class is one item to RE2; java.util.regex nests the same text.
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:[[:alpha:]](?:){999}){999}"));
        assertEquals(1, RepetitionBound.of("[[:alpha:]{9999}]"));
    }

    @Test
    void aControlEscapeTakesTheCharacterAfterIt() {
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:\\c)(?:){999}){999}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("(?:\\c[(?:){999}){999}"));
    }

    @Test
    void aCountWhereAnAtomShouldStartRepeatsAnEmptyAtom() {
        assertEquals(7, RepetitionBound.of("{7}"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("{2147483647}a"));
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of("({999}){999}"));
    }

    @Test
    void anUnmatchedClosingParenthesisDoesNotEndTheScan() {
        assertEquals(RepetitionBound.MAX + 1, RepetitionBound.of(")(?:(?:){999}){999}"));
    }

    @Test
    void malformedPatternsAreLeftToTheCompilerToRefuse() {
        assertEquals(1, RepetitionBound.of("order-(\\d+"));
        assertEquals(1, RepetitionBound.of("a{x}b{"));
        assertEquals(1, RepetitionBound.of(")(("));
    }
}
