package io.contrast4j.sentence.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DjlBootstrapTest {

    @Test
    void setsTheOfflinePropertyThatDjlReads() {
        DjlBootstrap.ensureOffline();
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertTrue(DjlBootstrap.isOffline());
        assertTrue(ai.djl.util.Utils.isOfflineMode(), "DJL's own check agrees");
    }

    @Test
    void turnsDjlOfflineInAJvmStartedWithoutAnyOfflineSetting() throws Exception {
        // surefire sets both DJL_OFFLINE and -Dai.djl.offline, so check in a clean JVM without them
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", Probe.class.getName()));
        pb.environment().remove("DJL_OFFLINE");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("before=false after=true property=true tracking=true"), out);
    }

    /** Run in the child JVM: DJL's view of offline mode before and after ensureOffline(). */
    static final class Probe {
        public static void main(String[] args) {
            boolean before = ai.djl.util.Utils.isOfflineMode();
            DjlBootstrap.ensureOffline();
            System.out.println("before=" + before + " after=" + ai.djl.util.Utils.isOfflineMode()
                    + " property=" + System.getProperty("ai.djl.offline")
                    + " tracking=" + System.getProperty("OPT_OUT_TRACKING"));
        }
    }
}
