package io.contrast4j.eval.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.eval.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {

    @Test
    void writesJsonMarkdownAndHtmlInTheSharedShape(@TempDir Path dir) throws Exception {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("command", "eval sts");
        EvalReport report = new EvalReport("toy-model", provenance);
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("spearman", 81.5);
        m.put("pearson", Double.NaN);
        m.put("n", 3);
        report.add(new TaskResult("STSBenchmark", m, Map.of("subsets", Map.of()),
                new TaskResult.Scatter(new double[] {0.1, 0.5, 0.9}, new double[] {1, 3, 5}, "cosine", "gold")));
        report.add(new TaskResult("MR", Map.of("acc", 77.25, "n", 10662), null, null));
        report.summary("note", "x");
        List<Path> files = report.write(dir.resolve("r.json"));
        assertEquals(3, files.size());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertEquals("toy-model", json.get("model").asText());
        assertEquals("eval sts", json.get("provenance").get("command").asText());
        assertEquals(81.5, json.get("tasks").get("STSBenchmark").get("spearman").asDouble());
        assertTrue(json.get("tasks").get("STSBenchmark").get("pearson").isNull());
        assertEquals(10662, json.get("tasks").get("MR").get("n").asInt());

        String md = Files.readString(dir.resolve("r.md"));
        assertTrue(md.contains("| STSBenchmark | 81.50 |"), md);
        assertTrue(md.contains("| MR |"), md);
        String html = Files.readString(dir.resolve("r.html"));
        assertEquals(2, html.split("data:image/png;base64,", -1).length - 1, "bar chart + one scatter");
        assertTrue(html.contains("eval sts"));
    }
}
