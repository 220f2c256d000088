package io.contrast4j.data.parallel;

import io.contrast4j.data.corpora.RegistryClient;
import io.contrast4j.data.corpora.SourceUnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English-Spanish Bible verses from the Debian SWORD modules {@code sword-text-web} (World English
 * Bible, module engWEB2015eb, public domain) and {@code sword-text-sparv} (Reina-Valera 1909, module
 * spaRV1909eb, public domain), exported with Debian's {@code diatheke} in OSIS form and aligned on
 * the verse key ("John 3:16"). Verses present in one module only (WEB's deuterocanon) or empty in
 * either are dropped. The two modules use different versifications (NRSVA, KJV); keys that exist in
 * both are taken as the same verse, as SWORD front-ends do.
 */
public final class SwordBibleSource implements ParallelSource {
    public static final String ENGLISH_MODULE = "engWEB2015eb";
    public static final String SPANISH_MODULE = "spaRV1909eb";
    public static final String WHOLE_BIBLE = "Gen 1:1-Rev 22:21";
    private static final Path MODULES = Path.of("/usr/share/sword");
    /** A verse key: "Genesis 1:1: ", "1 Samuel 2:3: ", "Song of Solomon 1:1: ". */
    private static final Pattern KEY = Pattern.compile("(\\d+):(\\d+): ");
    private static final Pattern BOOK_AT_START = Pattern.compile("^((?:[1-4] )?[A-Z][A-Za-z]*(?: (?:of|[A-Z][A-Za-z]*))*) \\d+:\\d+: ");

    private final String range;

    /** @param range a diatheke key range, e.g. {@link #WHOLE_BIBLE} or "Matt 1:1-Mark 16:20" */
    public SwordBibleSource(String range) {
        this.range = range;
    }

    public SwordBibleSource() {
        this(WHOLE_BIBLE);
    }

    @Override
    public String language() {
        return "es";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("english", "Debian sword-text-web, SWORD module " + ENGLISH_MODULE + " (World English Bible, public domain)");
        d.put("translation", "Debian sword-text-sparv, SWORD module " + SPANISH_MODULE + " (Reina-Valera 1909, public domain)");
        d.put("alignment", "verse key, exported with diatheke -f osis");
        d.put("range", range);
        return d;
    }

    @Override
    public List<TranslationPair> read(RegistryClient client, Path workDir, List<Path> inputs)
            throws IOException, SourceUnavailableException {
        Path diatheke = RegistryClient.findOnPath("diatheke").orElseThrow(() -> new SourceUnavailableException(
                "diatheke not found on PATH: apt-get install diatheke sword-text-web sword-text-sparv"));
        for (String module : List.of(ENGLISH_MODULE, SPANISH_MODULE)) {
            Path dir = MODULES.resolve("modules/texts/ztext").resolve(module);
            if (!Files.isDirectory(dir)) {
                throw new SourceUnavailableException("SWORD module " + module + " not installed (" + dir
                        + " missing): apt-get install sword-text-web sword-text-sparv");
            }
            inputs.add(dir);
        }
        // The two exports are independent: run them side by side (each takes ~30 s for the whole Bible).
        Path enOut = workDir.resolve(ENGLISH_MODULE + ".osis.txt");
        Path esOut = workDir.resolve(SPANISH_MODULE + ".osis.txt");
        Process en = start(diatheke, ENGLISH_MODULE, enOut);
        Process es = start(diatheke, SPANISH_MODULE, esOut);
        await(en, ENGLISH_MODULE);
        await(es, SPANISH_MODULE);
        List<String> enLines = Files.readAllLines(enOut, StandardCharsets.UTF_8);
        List<String> esLines = Files.readAllLines(esOut, StandardCharsets.UTF_8);
        Set<String> books = new HashSet<>();
        for (List<String> lines : List.of(enLines, esLines)) {
            for (String l : lines) {
                Matcher m = BOOK_AT_START.matcher(l);
                if (m.find()) books.add(m.group(1));
            }
        }
        Map<String, String> english = verses(enLines, books);
        Map<String, String> spanish = verses(esLines, books);
        List<TranslationPair> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : english.entrySet()) {
            String target = spanish.get(e.getKey());
            if (target != null) pairs.add(new TranslationPair(e.getValue(), target));
        }
        return pairs;
    }

    /**
     * Verse key to plain text. diatheke prints one verse a line, "Book C:V: text", where a heading
     * of the verse may come before the key ("A Psalm by David ... Psalms 3:1: ..."): the key is the
     * first "C:V: " preceded by a known book name, and the heading is dropped.
     */
    static Map<String, String> verses(List<String> lines, Set<String> books) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("(") && line.endsWith(")") && !line.contains(" ")) continue; // "(module)" trailer
            String found = null;
            int textStart = -1;
            Matcher m = KEY.matcher(line);
            while (m.find()) {
                String before = line.substring(0, m.start()).stripTrailing();
                for (String book : books) {
                    if (before.endsWith(book) && (before.length() == book.length()
                            || !Character.isLetterOrDigit(before.charAt(before.length() - book.length() - 1)))) {
                        found = book + " " + m.group(1) + ":" + m.group(2);
                        textStart = m.end();
                        break;
                    }
                }
                if (found != null) break;
            }
            if (found != null) {
                if (key != null) out.put(key, OsisText.plain(text.toString()));
                key = found;
                text.setLength(0);
                text.append(line, textStart, line.length());
            } else if (key != null) {
                text.append(' ').append(line); // a verse continued on the next line
            }
        }
        if (key != null) out.put(key, OsisText.plain(text.toString()));
        out.values().removeIf(String::isEmpty);
        return out;
    }

    private Process start(Path diatheke, String module, Path out) throws SourceUnavailableException {
        try {
            return new ProcessBuilder(diatheke.toString(), "-b", module, "-f", "OSIS", "-k", range)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot run diatheke: " + e.getMessage(), e);
        }
    }

    private static void await(Process p, String module) throws SourceUnavailableException {
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new SourceUnavailableException("diatheke -b " + module + " did not finish within 10 minutes");
            }
            if (p.exitValue() != 0) throw new SourceUnavailableException("diatheke -b " + module + " failed (exit " + p.exitValue() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("diatheke interrupted", e);
        }
    }
}
