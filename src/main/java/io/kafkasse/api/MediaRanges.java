package io.kafkasse.api;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.position.Abbreviation;

/**
 * The media ranges of a request's {@code Accept} header, and the weights ({@code q}) in its {@code Content-Type},
 * checked before the JAX-RS runtime reads them. RESTEasy (WildFly, Open Liberty) fails on a weight that is not a
 * number, or is above 1, with an internal exception that no exception mapper sees: Open Liberty answered an Accept's
 * with its own HTML page, and both a Content-Type's (even on a GET, which has no body) with a 500. Jersey (Payara Micro)
 * refuses an Accept it cannot parse through the container's error page, which failed once in a fuzz run with an empty
 * 400 (a race inside Payara's error-page lookup). Checked here, every such header gets the same problem+json 400 on
 * every server.
 * <p>
 * What passes is what clients send, not only RFC 9110's strict grammar: a weight with more decimals or none before the
 * point ({@code q=.2}, as Java 8's HttpURLConnection sends) and a lone {@code *} range (the same client) pass; a range
 * that is not {@code type/subtype} (tokens) or {@code *}, a weight that is not a decimal number from 0 to 1, and a bare
 * {@code q} do not.
 * <p>
 * The header is read once, character by character (its size is bounded by the container): commas and semicolons
 * inside a quoted parameter value separate nothing.
 */
final class MediaRanges {

    /** How much of a refused header the problem quotes. */
    private static final int MAX_ECHO_LENGTH = 100;
    /** A decimal number, digits on at least one side of the point; its value is checked apart (at most 1). */
    private static final Pattern WEIGHT = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    /** RFC 9110's {@code type "/" subtype}, each a token; {@code *} alone is what old Java clients send for any type. */
    private static final Pattern TYPE = Pattern.compile("\\*|[-!#$%&'*+.^_`|~0-9A-Za-z]+/[-!#$%&'*+.^_`|~0-9A-Za-z]+");

    private MediaRanges() {
    }

    /** The problem of a malformed Accept or Content-Type header, or {@code null} when both are well formed. */
    static StreamProblem malformed(HttpServletRequest request) {
        String accept = invalidRange(request.getHeaders("Accept"), true);
        if (accept != null) {
            String quoted = Abbreviation.of(accept, MAX_ECHO_LENGTH);
            return StreamProblem.badRequest("invalid-accept", "Invalid Accept header", "The Accept header's media range "
                    + quoted + " is malformed: a range is type/subtype (or */*, type/*) with parameters, and its weight q a"
                    + " number from 0 to 1", Map.of("accept", quoted));
        }
        String contentType = invalidRange(request.getHeaders("Content-Type"), false);
        if (contentType != null) {
            String quoted = Abbreviation.of(contentType, MAX_ECHO_LENGTH);
            return StreamProblem.badRequest("invalid-content-type", "Invalid Content-Type header", "The Content-Type header's"
                    + " media type " + quoted + " has a malformed weight: q is a number from 0 to 1", Map.of("contentType", quoted));
        }
        return null;
    }

    /**
     * @param typed whether each range must also be a well-formed type (Accept's); else only weights are checked
     * @return the first malformed media range, or {@code null} when every one is well formed
     */
    static String invalidRange(Enumeration<String> values, boolean typed) {
        while (values != null && values.hasMoreElements()) {
            String invalid = invalidRange(values.nextElement(), typed);
            if (invalid != null) {
                return invalid;
            }
        }
        return null;
    }

    static String invalidRange(String value, boolean typed) {
        if (value == null) {
            return null;
        }
        int rangeStart = 0;
        for (int i = 0; i <= value.length(); ) {
            int end = endOfRange(value, i);
            String range = value.substring(rangeStart, end);
            if (!weightsAreValid(range) || typed && !typeIsValid(range)) {
                return range.trim();
            }
            rangeStart = end + 1;
            i = rangeStart;
        }
        return null;
    }

    /** The index of the comma that ends the range starting at {@code from}, outside quotes, or the text's length. */
    private static int endOfRange(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++; // a quoted pair: the next character is taken as it is
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return value.length();
    }

    /** An empty element of the list (RFC 9110 allows them: {@code a/b, , c/d}) or a well-formed type. */
    private static boolean typeIsValid(String range) {
        int semicolon = range.indexOf(';');
        String type = (semicolon < 0 ? range : range.substring(0, semicolon)).trim();
        return type.isEmpty() && semicolon < 0 || TYPE.matcher(type).matches();
    }

    private static boolean weightsAreValid(String range) {
        for (String parameter : parameters(range)) {
            // A q without '=' is a weight too: RESTEasy reads it as an empty one, and fails on it.
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String weight = equals < 0 ? "" : parameter.substring(equals + 1);
            if (name.trim().equalsIgnoreCase("q") && !weightIsValid(weight.trim())) {
                return false;
            }
        }
        return true;
    }

    private static boolean weightIsValid(String weight) {
        return WEIGHT.matcher(weight).matches() && Double.parseDouble(weight) <= 1;
    }

    /** The parameters of a media range: what follows each semicolon outside quotes. */
    private static List<String> parameters(String range) {
        List<String> parameters = new ArrayList<>();
        boolean quoted = false;
        int start = -1;
        for (int i = 0; i < range.length(); i++) {
            char c = range.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                if (start >= 0) {
                    parameters.add(range.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (start >= 0) {
            parameters.add(range.substring(start));
        }
        return parameters;
    }
}
