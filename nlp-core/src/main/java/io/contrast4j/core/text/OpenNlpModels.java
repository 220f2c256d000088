package io.contrast4j.core.text;

import io.contrast4j.core.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

/**
 * Finds OpenNLP's pretrained models on the class path. Each Maven model jar
 * ({@code org.apache.opennlp:opennlp-models-*-en}) carries a {@code model.properties} naming its
 * {@code .bin} file, language and SHA-256; all of them sit at the jar root under the same name, so
 * every copy is read and the one whose model name matches is loaded and checked against its hash.
 */
final class OpenNlpModels {
    private OpenNlpModels() {}

    /** The bytes of the English model whose file name contains {@code kind} (e.g. "-sentence-"). */
    static byte[] load(String kind, String language, String mavenArtifact) {
        List<String> seen = new ArrayList<>();
        try {
            ClassLoader loader = OpenNlpModels.class.getClassLoader();
            Enumeration<URL> descriptors = loader.getResources("model.properties");
            while (descriptors.hasMoreElements()) {
                URL url = descriptors.nextElement();
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                String name = p.getProperty("model.name", "");
                seen.add(name);
                if (!name.contains(kind) || !language.equals(p.getProperty("model.language"))) {
                    continue;
                }
                // the .bin sits next to this model.properties in the same jar
                String location = url.toString();
                URL model = URI.create(location.substring(0, location.length() - "model.properties".length()) + name).toURL();
                byte[] bytes;
                try (InputStream in = model.openStream()) {
                    bytes = in.readAllBytes();
                }
                String expected = p.getProperty("model.sha256");
                if (expected != null && !expected.equalsIgnoreCase(Sha256.of(bytes))) {
                    throw new IllegalStateException("OpenNLP model " + name + " from " + url + " fails its SHA-256 check");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenNLP model descriptors from the class path", e);
        }
        throw new IllegalStateException("no OpenNLP " + language + " model matching '" + kind + "' on the class path (add "
                + mavenArtifact + "); found " + seen);
    }
}
