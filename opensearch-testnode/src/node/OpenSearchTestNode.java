import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensearch.Version;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.PluginInfo;

/**
 * A single-node OpenSearch cluster on loopback with the transport, analysis-common, Painless and k-NN plugins loaded
 * from the classpath (no plugin installation, no distribution download). Run by the opensearch
 * module's tests with java's source launcher: {@code java -cp 'node-lib/*:node-lib/knn/*'
 * OpenSearchTestNode.java HOME_DIR}. Prints {@code HTTP_PORT=<port>} once the node is up, then runs
 * until its standard input closes (so it dies with the test JVM).
 */
public class OpenSearchTestNode {
    /** Node's classpath-plugin constructor is protected. */
    static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, List<PluginInfo> plugins) {
            super(environment, plugins, true);
        }
    }

    static PluginInfo plugin(String className) {
        return new PluginInfo(className, "classpath plugin", "NA", Version.CURRENT, "21", className, null, List.of(), false);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Files.createDirectories(home);
        Settings settings = Settings.builder()
                .put("cluster.name", "contrast4j-test").put("node.name", "node-0")
                .put("path.home", home.toString()).put("path.data", home.resolve("data").toString())
                .put("network.host", "127.0.0.1").put("http.port", "0").put("transport.port", "0")
                .put("discovery.type", "single-node")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        List<PluginInfo> plugins = List.of(plugin("org.opensearch.transport.Netty4ModulePlugin"),
                plugin("org.opensearch.painless.PainlessModulePlugin"),
                plugin("org.opensearch.analysis.common.CommonAnalysisModulePlugin"), plugin("org.opensearch.knn.plugin.KNNPlugin"));
        Node node = new ClasspathPluginNode(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node-0"), plugins);
        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        System.out.println("HTTP_PORT=" + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our standard input
        }
        node.close();
        System.exit(0);
    }
}
