package io.contrast4j.data.corpora;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A corpus source shipped as a Maven artifact (a jar); its licence is the {@code <licenses>} of its
 * POM, or of the nearest parent POM that declares one (POMs inherit licences).
 */
abstract class MavenSource implements CorpusSource {
    private static final int MAX_PARENTS = 6;

    abstract String groupId();

    abstract String artifactId();

    @Override
    public final String registry() {
        return "maven";
    }

    @Override
    public final String packageName() {
        return groupId() + ":" + artifactId();
    }

    @Override
    public Path fetch(RegistryClient client, Path dir) throws SourceUnavailableException {
        return client.mavenCopy(groupId(), artifactId(), version(), "jar", dir);
    }

    @Override
    public Licence licence(Path pkg, RegistryClient client, Path dir) throws IOException, SourceUnavailableException {
        String g = groupId(), a = artifactId(), v = version();
        for (int depth = 0; depth < MAX_PARENTS; depth++) {
            Path pom = client.mavenCopy(g, a, v, "pom", dir);
            Document doc = parse(pom);
            Element project = doc.getDocumentElement();
            List<String> names = new ArrayList<>();
            Element licenses = child(project, "licenses");
            if (licenses != null) {
                for (Element l : children(licenses, "license")) {
                    Element name = child(l, "name");
                    if (name != null && !name.getTextContent().isBlank()) names.add(name.getTextContent().strip());
                }
            }
            if (!names.isEmpty()) return new Licence(String.join(" OR ", names), "<licenses> of " + g + ":" + a + ":" + v + " POM", null);
            Element parent = child(project, "parent");
            if (parent == null) break;
            g = text(parent, "groupId");
            a = text(parent, "artifactId");
            v = text(parent, "version");
            if (g == null || a == null || v == null) break;
        }
        return new Licence("not declared", "POM of " + packageName() + ":" + version() + " and its parents", null);
    }

    private static Document parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IOException("cannot parse " + pom.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && name.equals(el.getTagName())) out.add(el);
        }
        return out;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().strip();
    }
}
