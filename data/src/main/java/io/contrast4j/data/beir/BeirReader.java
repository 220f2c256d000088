package io.contrast4j.data.beir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.data.DataFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a BEIR-format folder: {@code corpus.jsonl} (one {@code {"_id", "title", "text"}} object a
 * line), {@code queries.jsonl} ({@code {"_id", "text"}}) and {@code qrels/<split>.tsv}
 * ({@code query-id TAB corpus-id TAB score}, integer scores, after a header line).
 *
 * <p>Strict where BEIR's Python loader would fail later or silently: a line that is not a JSON
 * object, a missing or duplicate {@code _id}, a missing {@code text}, a qrels line without three
 * fields or with a non-integer score, a query judged twice for one document, and a judged query
 * with no text in {@code queries.jsonl} are {@code file:line: cause} errors. Blank lines are
 * skipped. {@code _id} may be a JSON string or number (BEIR's files use strings); {@code title} may
 * be absent or null (then empty).
 */
public final class BeirReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BeirReader() {}

    /** Reads {@code folder} with the judgments of {@code qrels/<split>.tsv}. */
    public static BeirDataset read(Path folder, String split) {
        DataFiles.requireDirectory(folder);
        Path corpusFile = folder.resolve("corpus.jsonl"), queriesFile = folder.resolve("queries.jsonl");
        Path qrelsFile = folder.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new UserInputException("file not found: " + qrelsFile.toAbsolutePath() + " (splits present: " + splits(folder) + ")");
        }
        Map<String, BeirDocument> corpus = new LinkedHashMap<>();
        readJsonl(corpusFile, (node, where) -> {
            String id = id(node, where);
            String title = optionalText(node, "title", where);
            String text = requiredText(node, "text", where);
            if (corpus.putIfAbsent(id, new BeirDocument(id, title, text)) != null) {
                throw new UserInputException(where + ": duplicate _id '" + id + "'");
            }
        });
        Map<String, String> allQueries = new LinkedHashMap<>();
        readJsonl(queriesFile, (node, where) -> {
            String id = id(node, where);
            if (allQueries.putIfAbsent(id, requiredText(node, "text", where)) != null) {
                throw new UserInputException(where + ": duplicate _id '" + id + "'");
            }
        });
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        Map<String, String> queries = new LinkedHashMap<>();
        int unknownDocs = 0;
        List<String> lines = DataFiles.readLines(qrelsFile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = DataFiles.tabFields(line);
            if (f.length < 3) throw DataFiles.malformed(qrelsFile, i + 1, "expected query-id TAB corpus-id TAB score, got " + f.length + " field(s)");
            if (qrels.isEmpty() && i == firstNonBlank(lines) && !isInteger(f[2])) continue; // the header line
            String qid = f[0].strip(), did = f[1].strip();
            if (qid.isEmpty() || did.isEmpty()) throw DataFiles.malformed(qrelsFile, i + 1, "empty query or corpus id");
            int score = DataFiles.parseInt(qrelsFile, i + 1, f[2]);
            String text = allQueries.get(qid);
            if (text == null) throw DataFiles.malformed(qrelsFile, i + 1, "query id '" + qid + "' is not in " + queriesFile.getFileName());
            Map<String, Integer> judged = qrels.computeIfAbsent(qid, q -> new LinkedHashMap<>());
            if (judged.putIfAbsent(did, score) != null) {
                throw DataFiles.malformed(qrelsFile, i + 1, "query '" + qid + "' is judged twice for document '" + did + "'");
            }
            queries.putIfAbsent(qid, text);
            if (!corpus.containsKey(did)) unknownDocs++;
        }
        if (qrels.isEmpty()) throw new UserInputException(qrelsFile + ": no judgments");
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        return new BeirDataset(name, split, corpus, queries, qrels, unknownDocs, List.of(corpusFile, queriesFile, qrelsFile));
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) if (!lines.get(i).isBlank()) return i;
        return -1;
    }

    private static boolean isInteger(String s) {
        try {
            Integer.parseInt(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The split names of {@code folder/qrels/*.tsv}, for the not-found message. */
    static String splits(Path folder) {
        Path dir = folder.resolve("qrels");
        if (!Files.isDirectory(dir)) return "none: no qrels folder";
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private interface LineHandler {
        void accept(JsonNode node, String where);
    }

    private static void readJsonl(Path file, LineHandler handler) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String where = file + ":" + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new UserInputException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) throw new UserInputException(where + ": expected a JSON object");
            handler.accept(node, where);
        }
    }

    private static String id(JsonNode node, String where) {
        JsonNode id = node.get("_id");
        if (id == null || id.isNull()) throw new UserInputException(where + ": missing _id");
        if (!id.isTextual() && !id.isIntegralNumber()) throw new UserInputException(where + ": _id must be a string or an integer");
        String s = id.asText();
        if (s.isBlank()) throw new UserInputException(where + ": empty _id");
        return s;
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new UserInputException(where + ": missing " + field);
        if (!v.isTextual()) throw new UserInputException(where + ": " + field + " must be a string");
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return "";
        if (!v.isTextual()) throw new UserInputException(where + ": " + field + " must be a string");
        return v.asText();
    }

    /** Every document's {@link BeirDocument#fullText()} by id, in corpus order. */
    public static Map<String, String> texts(BeirDataset data) {
        Map<String, String> out = new LinkedHashMap<>();
        data.corpus().forEach((id, d) -> out.put(id, d.fullText()));
        return out;
    }

    /** The judged query ids, in order. */
    public static List<String> queryIds(BeirDataset data) {
        return new ArrayList<>(data.queries().keySet());
    }
}
