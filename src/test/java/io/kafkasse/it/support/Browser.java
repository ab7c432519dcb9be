package io.kafkasse.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * A real headless Chromium, driven by Playwright: the system's browser (Debian's {@code chromium}, or the one named by
 * {@code -Dit.browser=/path}); Playwright never downloads one. Where none is found the calling test is skipped with a
 * message saying so, except under {@code CI=true}, where a missing browser fails the run ({@code .ci/run} installs it).
 */
public final class Browser implements AutoCloseable {

    private static final List<String> KNOWN = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Path executable) {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    // Root in CI: Chromium's sandbox needs a user namespace it may not have there.
                    .setArgs(List.of("--no-sandbox")));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** Launches the browser, or skips (fails under CI) the calling test when there is none. */
    public static Browser launch() {
        Optional<Path> executable = find();
        if (executable.isEmpty()) {
            String why = "No Chromium to run the browser tests: looked for -Dit.browser and " + KNOWN
                    + "; install Debian's chromium (apt-get install chromium) or name one with -Dit.browser=/path";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + " (CI=true: a browser test may not be skipped)");
            }
            Assumptions.abort(why);
        }
        return new Browser(executable.get());
    }

    static Optional<Path> find() {
        String named = System.getProperty("it.browser");
        Stream<String> candidates = named == null || named.isBlank() ? KNOWN.stream() : Stream.of(named);
        return candidates.map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * A page in a fresh context (no cookies or cache shared with other pages) whose Content-Security-Policy is not
     * enforced: Playwright evaluates the conditions a test waits for with {@code eval}, which a strict policy (the
     * console's) forbids. The policy's own tests use {@link #newEnforcingPage}.
     */
    public Page newPage() {
        return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setBypassCSP(true)).newPage();
    }

    /** A page in a fresh context under the policies its server sends, as a user's browser has it. */
    public Page newEnforcingPage() {
        return browser.newContext().newPage();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
