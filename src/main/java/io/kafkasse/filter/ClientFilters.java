package io.kafkasse.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.kafkasse.error.StreamProblem;

/**
 * The server-side filter a client asks for in the query string. All conditions must hold:
 * <ul>
 * <li>{@code key=<regex>}: the record key must fully match; repeated, any may match;</li>
 * <li>{@code match.<field>=<value>}: the JSON value's field (a dotted path such as {@code meta.domain}) must equal
 * the value; repeated for the same field, any value may match.</li>
 * </ul>
 * Sizes are bounded and a malformed filter is a 400 that names the parameter.
 */
public final class ClientFilters {

    static final String KEY = "key";
    static final String MATCH = "match.";
    static final int MAX_FILTERS = 16;
    static final int MAX_PATTERN = 256;
    static final int MAX_VALUE = 1024;

    private ClientFilters() {
    }

    public static RecordFilter fromQuery(Map<String, List<String>> query) {
        List<RecordFilter> filters = new ArrayList<>();
        int conditions = 0;
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!name.equals(KEY) && !name.startsWith(MATCH)) {
                continue;
            }
            conditions += parameter.getValue().size();
            if (conditions > MAX_FILTERS) {
                throw invalid(name, "at most " + MAX_FILTERS + " filter values may be given");
            }
            filters.add(name.equals(KEY) ? keys(parameter.getValue()) : field(name, parameter.getValue()));
        }
        if (filters.isEmpty()) {
            return RecordFilter.ACCEPT_ALL;
        }
        return (record, value) -> {
            for (RecordFilter filter : filters) {
                if (!filter.accept(record, value)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static RecordFilter keys(List<String> patterns) {
        List<KeyPattern> any = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.length() > MAX_PATTERN) {
                throw invalid(KEY, "the pattern is longer than " + MAX_PATTERN + " characters");
            }
            try {
                any.add(new KeyPattern(Pattern.compile(pattern)));
            } catch (PatternSyntaxException e) {
                throw invalid(KEY, "'" + pattern + "' is not a regular expression: " + e.getDescription());
            }
        }
        return (record, value) -> any.stream().anyMatch(key -> key.accept(record, value));
    }

    private static RecordFilter field(String name, List<String> values) {
        String path = name.substring(MATCH.length());
        List<String> names = Arrays.asList(path.split("\\.", -1));
        if (path.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            throw invalid(name, "a field filter is match.<field>=<value>, with a field name or a dotted path such as match.meta.domain");
        }
        for (String value : values) {
            if (value.length() > MAX_VALUE) {
                throw invalid(name, "the value is longer than " + MAX_VALUE + " characters");
            }
        }
        return new FieldMatch(List.copyOf(names), List.copyOf(values));
    }

    private static StreamProblem invalid(String parameter, String detail) {
        String shown = parameter.length() <= 100 ? parameter : parameter.substring(0, 100) + "...";
        return StreamProblem.badRequest("invalid-filter", "Invalid filter", detail, Map.of("parameter", shown));
    }
}
