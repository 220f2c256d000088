package io.contrast4j.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Versions of the libraries that shape results, read from the jars on the class path at run time
 * (package metadata, the jar manifest, or Maven's pom.properties) — never written into the code.
 * A library that is not on the class path is left out.
 */
final class LibraryVersions {

    /** A library, known by one of its classes and its Maven coordinates. */
    private record Library(String name, String markerClass, String groupId, String artifactId) {}

    private static final Library[] LIBRARIES = {
        new Library("djl", "ai.djl.Device", "ai.djl", "api"),
        new Library("djl-pytorch-engine", "ai.djl.pytorch.engine.PtEngine", "ai.djl.pytorch", "pytorch-engine"),
        new Library("djl-tokenizers", "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", "ai.djl.huggingface", "tokenizers"),
        new Library("lucene", "org.apache.lucene.util.Version", "org.apache.lucene", "lucene-core"),
        new Library("opennlp", "opennlp.tools.util.Version", "org.apache.opennlp", "opennlp-tools"),
        new Library("onnxruntime", "ai.onnxruntime.OrtEnvironment", "com.microsoft.onnxruntime", "onnxruntime"),
        new Library("jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core", "jackson-databind"),
        new Library("liblinear", "de.bwaldvogel.liblinear.Linear", "de.bwaldvogel", "liblinear"),
    };

    private LibraryVersions() {}

    /** name -> version for every known library present; insertion order is stable. */
    static Map<String, String> present() {
        Map<String, String> versions = new LinkedHashMap<>();
        ClassLoader loader = LibraryVersions.class.getClassLoader();
        for (Library library : LIBRARIES) {
            Class<?> marker;
            try {
                // initialize=false: reading a version must not start an engine or load natives
                marker = Class.forName(library.markerClass(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            String version = versionOf(marker, library);
            versions.put(library.name(), version == null ? "unknown" : version);
        }
        return versions;
    }

    static String versionOf(Class<?> marker, Library library) {
        String fromPom = pomProperties(marker, library);
        if (fromPom != null) {
            return fromPom;
        }
        Package pkg = marker.getPackage();
        if (pkg != null && pkg.getImplementationVersion() != null) {
            return clean(pkg.getImplementationVersion());
        }
        String fromManifest = jarManifestVersion(marker);
        if (fromManifest != null) {
            return clean(fromManifest);
        }
        return pkg == null ? null : clean(pkg.getSpecificationVersion());
    }

    /** The version proper: Lucene, for one, appends the build's commit hash after a space. */
    static String clean(String version) {
        if (version == null) {
            return null;
        }
        String trimmed = version.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static String pomProperties(Class<?> marker, Library library) {
        String resource = "META-INF/maven/" + library.groupId() + "/" + library.artifactId() + "/pom.properties";
        ClassLoader loader = marker.getClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    /** Implementation- or Specification-Version of the jar that holds the class. */
    private static String jarManifestVersion(Class<?> marker) {
        try {
            URL location = marker.getProtectionDomain().getCodeSource().getLocation();
            if (location == null || !location.getPath().endsWith(".jar")) {
                return null;
            }
            try (JarFile jar = new JarFile(new java.io.File(location.toURI()))) {
                Manifest manifest = jar.getManifest();
                if (manifest == null) {
                    return null;
                }
                String impl = manifest.getMainAttributes().getValue("Implementation-Version");
                return impl != null ? impl : manifest.getMainAttributes().getValue("Specification-Version");
            }
        } catch (Exception e) {
            return null;
        }
    }
}
