package io.contrast4j.search.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.search.HashingEmbedder;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SemanticSearcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser (Debian's headless Chromium, over the DevTools protocol) opens the search page,
 * types a query, presses Enter and sees the results; a second visit runs the query given in the URL.
 */
class SearchPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HIT_IDS =
            "JSON.stringify(Array.from(document.querySelectorAll('#results li.hit')).map(li => li.dataset.id))";

    @TempDir Path dir;

    @Test
    @Timeout(180)
    void typingAQueryShowsResults() throws Exception {
        Path chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (Debian: apt-get install chromium); browser test skipped");

        HashingEmbedder embedder = new HashingEmbedder(256);
        Path index = dir.resolve("index");
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, embedder, "hashing", IndexSettings.DEFAULT, null)) {
            writer.add(new IndexDocument("bread", "Knead the dough, let the bread rise, then bake it in a hot oven.", "en", Map.of()));
            writer.add(new IndexDocument("train", "The night train crosses the mountains and reaches the coast at dawn.", "en", Map.of()));
            writer.add(new IndexDocument("script", "<img src=x onerror=alert(1)> a bread board", "en", Map.of()));
        }
        try (SemanticSearcher searcher = SemanticSearcher.open(index, embedder);
             SearchServer server = new SearchServer(searcher, ServerSettings.defaults().withPort(0)).start();
             HeadlessChromium browser = new HeadlessChromium(chromium, dir.resolve("profile"))) {
            browser.navigate(server.url());
            assertTrue(browser.waitFor("document.readyState === 'complete' && !!document.getElementById('q')", Duration.ofSeconds(30)).asBoolean());
            // Focus the search box and type like a user, then press Enter.
            browser.eval("document.getElementById('q').focus(); true");
            browser.type("bake bread in the oven");
            browser.pressEnter();
            JsonNode ids = JSON.readTree(browser.waitFor(HIT_IDS, Duration.ofSeconds(30)).asText());
            assertTrue(ids.size() >= 2, "results shown: " + ids);
            assertEquals("bread", ids.get(0).asText());
            String marked = browser.eval("document.querySelector('#results li.hit mark').textContent").asText();
            assertEquals("bread", marked.toLowerCase());
            assertTrue(browser.eval("document.getElementById('status').textContent").asText().contains("result"));
            assertTrue(browser.eval("location.search").asText().contains("q=bake+bread"), "the URL holds the query");
            // Markup inside a document is shown as text, never run or parsed.
            assertEquals(0, browser.eval("document.querySelectorAll('#results img').length").asInt());
            assertTrue(browser.eval("document.getElementById('results').textContent").asText().contains("<img src=x"));

            browser.navigate(server.url() + "?q=coast&mode=text");
            JsonNode fromUrl = JSON.readTree(browser.waitFor(HIT_IDS, Duration.ofSeconds(30)).asText());
            assertEquals("train", fromUrl.get(0).asText());
            assertEquals("text", browser.eval("document.getElementById('mode').value").asText());
        }
    }
}
