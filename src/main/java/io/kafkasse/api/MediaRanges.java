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
 * The weights ({@code q}) of the media types in a request's {@code Accept} and {@code Content-Type} headers, checked
 * before the JAX-RS runtime reads them. RESTEasy (WildFly, Open Liberty) fails on a weight that is not a number, or is
 * above 1, with an internal exception that no exception mapper sees: Open Liberty answered an Accept's with its own HTML
 * page, and both a Content-Type's (even on a GET, which has no body) with a 500. Jersey refuses some of them and not
 * others. Checked here, a weight outside RFC 9110's grammar gets the same problem+json 400 on every server.
 * <p>
 * The header is read once, character by character (its size is bounded by the container): commas and semicolons
 * inside a quoted parameter value separate nothing.
 */
final class MediaRanges {

    /** How much of a refused header the problem quotes. */
    private static final int MAX_ECHO_LENGTH = 100;
    /** RFC 9110 section 12.4.2: {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}. */
    private static final Pattern WEIGHT = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private MediaRanges() {
    }

    /** The problem of an Accept or Content-Type header with a malformed weight, or {@code null} when both are well formed. */
    static StreamProblem malformedWeight(HttpServletRequest request) {
        String accept = invalidRange(request.getHeaders("Accept"));
        if (accept != null) {
            return malformedWeight("invalid-accept", "Accept", accept);
        }
        String contentType = invalidRange(request.getHeaders("Content-Type"));
        return contentType == null ? null : malformedWeight("invalid-content-type", "Content-Type", contentType);
    }

    private static StreamProblem malformedWeight(String type, String header, String range) {
        String quoted = Abbreviation.of(range, MAX_ECHO_LENGTH);
        return StreamProblem.badRequest(type, "Invalid " + header + " header", "The " + header + " header's media type "
                + quoted + " has a malformed weight: q is a number from 0 to 1 with at most three decimals (RFC 9110)",
                Map.of(header.equals("Accept") ? "accept" : "contentType", quoted));
    }

    /** @return the first media range whose weight is malformed, or {@code null} when every weight is well formed */
    static String invalidRange(Enumeration<String> values) {
        while (values != null && values.hasMoreElements()) {
            String invalid = invalidRange(values.nextElement());
            if (invalid != null) {
                return invalid;
            }
        }
        return null;
    }

    static String invalidRange(String value) {
        if (value == null) {
            return null;
        }
        int rangeStart = 0;
        for (int i = 0; i <= value.length(); ) {
            int end = endOfRange(value, i);
            String range = value.substring(rangeStart, end);
            if (!weightIsValid(range)) {
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

    private static boolean weightIsValid(String range) {
        for (String parameter : parameters(range)) {
            // A q without '=' is a weight too: RESTEasy reads it as an empty one, and fails on it.
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String weight = equals < 0 ? "" : parameter.substring(equals + 1);
            if (name.trim().equalsIgnoreCase("q") && !WEIGHT.matcher(weight.trim()).matches()) {
                return false;
            }
        }
        return true;
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
