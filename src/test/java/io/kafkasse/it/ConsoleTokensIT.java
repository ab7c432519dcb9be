package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.kafkasse.it.support.Await;
import io.kafkasse.it.support.BearerTokens;
import io.kafkasse.it.support.Browser;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.StreamingIT;

/**
 * The console with protected streams, in a real headless Chromium under the page's own Content-Security-Policy: a
 * token typed in lists and opens what it may read (the page hands it to its EventSource in the service's cookie), and a
 * refusal is shown with what its 401 or 403 means, for streams and for the operations view.
 */
@RunAsClient
class ConsoleTokensIT extends StreamingIT {

    private static final String ORDERS_TOPIC = "console-authz-orders";
    private static final String NEWS_TOPIC = "console-authz-news";

    private static Browser browser;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of(
                "sse.allowed-topics", "console-authz-*",
                "sse.streams.orders.topics", ORDERS_TOPIC,
                "sse.streams.orders.roles", "ops",
                "sse.streams.news.topics", NEWS_TOPIC,
                "sse.auth.cookie", "sse_token",
                "sse.auth.admin-role", "admin",
                "mp.jwt.verify.publickey", BearerTokens.publicKeyBase64(),
                "mp.jwt.verify.issuer", BearerTokens.ISSUER));
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        kafka.createTopicNamed(ORDERS_TOPIC, 1);
        kafka.createTopicNamed(NEWS_TOPIC, 1);
        browser = Browser.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Page console() {
        Page page = browser.newEnforcingPage();
        page.navigate(Deployments.uri(base, "/").toString());
        page.waitForSelector("input[name=stream][value='news']", new Page.WaitForSelectorOptions().setTimeout(WAIT.toMillis()));
        return page;
    }

    /** Waits for a condition evaluated from the test (the page forbids eval); a failure shows what the page said. */
    private static void poll(Page page, String condition) throws InterruptedException {
        Await.until(WAIT, condition, () -> Boolean.TRUE.equals(page.evaluate(condition)) ? Boolean.TRUE : null,
                () -> "state: " + page.textContent("#state") + "; banner: " + page.textContent("#banner") + "; token note: "
                        + page.textContent("#token-note") + "; cookies: " + page.context().cookies().stream()
                        .map(c -> c.name + " at " + c.path).toList());
    }

    private static void enterToken(Page page, String token) {
        page.fill("#token", token);
        page.dispatchEvent("#token", "change");
    }

    /** Opens a stream by name, listed or not (a user may type a link with it). */
    private static void openByName(Page page, String name) {
        page.evaluate("name => { const box = document.querySelector('input[name=stream]'); box.value = name; box.checked = true; }", name);
        page.click("#open");
    }

    @Test
    void aTokenListsAndOpensTheProtectedStreamWithinThePolicy() throws Exception {
        Page page = console();
        assertEquals(0, page.locator("input[name=stream][value='orders']").count(), "not listed without a token");

        enterToken(page, BearerTokens.token("olga", "ops"));
        poll(page, "document.querySelector(\"input[name=stream][value='orders']\") !== null");
        assertTrue(page.textContent("#token-note").contains("signed in as olga"), page.textContent("#token-note"));
        page.check("input[name=stream][value='orders']");
        page.click("#open");
        poll(page, "document.getElementById('state').dataset.state === 'open'");
        kafka.send(ORDERS_TOPIC, 0, "k", "{\"n\":1}");
        poll(page, "document.querySelectorAll('#rows tr').length === 1");
        assertEquals(null, page.evaluate("window.kafkaSseConsole.state.violations ?? null"), "no policy violation");
    }

    @Test
    void aProtectedStreamWithoutATokenIsShownFailedWithWhatThe401Means() throws Exception {
        Page page = console();
        openByName(page, "orders");
        poll(page, "document.getElementById('state').textContent.includes('401')");
        assertTrue(page.textContent("#state").contains("needs a bearer token"), page.textContent("#state"));
        assertEquals("failed", page.getAttribute("#state", "data-state"));
    }

    @Test
    void aTokenWithoutTheRoleIsShownFailedWithWhatThe403Means() throws Exception {
        Page page = console();
        enterToken(page, BearerTokens.token("vic", "viewer"));
        poll(page, "document.getElementById('token-note').textContent.includes('signed in as vic')");
        openByName(page, "orders");
        poll(page, "document.getElementById('state').textContent.includes('403')");
        assertTrue(page.textContent("#state").contains("no role that may read it"), page.textContent("#state"));
    }

    @Test
    void theOperationsViewSaysItNeedsTheAdminRoleAndShowsItWithIt() throws Exception {
        Page page = console();
        page.click("#tab-ops");
        poll(page, "!document.getElementById('banner').hidden && document.getElementById('banner').textContent.includes('401')");
        assertTrue(page.textContent("#banner").contains("sse.auth.admin-role"), page.textContent("#banner"));

        enterToken(page, BearerTokens.token("root", "admin"));
        poll(page, "document.getElementById('banner').hidden && /^[0-9]+$/.test(document.getElementById('ops-open').textContent)");
    }
}
