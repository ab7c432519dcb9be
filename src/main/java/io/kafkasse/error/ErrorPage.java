package io.kafkasse.error;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The error page of the whole deployment ({@code WEB-INF/web.xml} sends every error status and exception here): what
 * the container answers by itself (a path no servlet serves, a URI it cannot decode, a static file that is not there,
 * an exception that escaped) is problem+json like the API's own errors, never a server's HTML page or stack trace.
 * It answers every method (an error keeps its request's), and a request made to it directly is a 404.
 */
@WebServlet(urlPatterns = ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/problem";

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        boolean escaped = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null;
        int status = code instanceof Integer given && given >= 400 ? given : escaped ? 500 : 404;
        if (status == 501) {
            // A method the container does not implement (PATCH on a static file): to a client, a method nothing here
            // takes, as the API answers it; a 5xx would read as the server's fault.
            status = 405;
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
        }
        if (response.isCommitted()) {
            return; // a stream that failed after it started: nothing can be said in HTTP any more
        }
        ServletProblems.write(response, StatusProblems.of(status, null));
    }
}
