package io.contrast4j.sentence.djl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts DJL in offline mode before any engine loads. Without it, DJL's engine start-up "calls home"
 * (a telemetry request, {@code ai.djl.util.Ec2Utils.callHome}) and may try to download native
 * libraries, which fails or stalls on a closed network.
 *
 * <p>DJL 0.36 decides with {@code ai.djl.util.Utils.isOfflineMode()}: the environment variable
 * {@code DJL_OFFLINE} if set, else the system property {@code ai.djl.offline}. Telemetry is also
 * skipped when {@code OPT_OUT_TRACKING} is true. Both are read when the default engine is first
 * looked up, so call {@link #ensureOffline()} before {@code Engine.getInstance()} or any model
 * load (it is cheap and idempotent; encoder classes call it from their static initializer).
 */
public final class DjlBootstrap {
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    public static final String OFFLINE_ENV = "DJL_OFFLINE";
    public static final String TRACKING_OPT_OUT = "OPT_OUT_TRACKING";

    private static final Logger LOG = LoggerFactory.getLogger(DjlBootstrap.class);
    private static volatile boolean done;

    private DjlBootstrap() {}

    /** Sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} unless the user chose otherwise. */
    public static void ensureOffline() {
        if (done) {
            return;
        }
        synchronized (DjlBootstrap.class) {
            if (done) {
                return;
            }
            if (System.getProperty(OFFLINE_PROPERTY) == null) {
                System.setProperty(OFFLINE_PROPERTY, "true");
            }
            if (System.getProperty(TRACKING_OPT_OUT) == null) {
                System.setProperty(TRACKING_OPT_OUT, "true");
            }
            String env = System.getenv(OFFLINE_ENV);
            if (env != null && !Boolean.parseBoolean(env)) {
                // DJL reads the environment first: the property cannot override it
                LOG.warn("{}={} in the environment: DJL will try the network (unset it or set it to true to run offline)",
                        OFFLINE_ENV, env);
            } else if (!Boolean.parseBoolean(System.getProperty(OFFLINE_PROPERTY))) {
                LOG.warn("-D{}={}: DJL will try the network", OFFLINE_PROPERTY, System.getProperty(OFFLINE_PROPERTY));
            }
            done = true;
        }
    }

    /** Whether DJL will run offline, by DJL's own rule (environment first, then the property). */
    public static boolean isOffline() {
        String env = System.getenv(OFFLINE_ENV);
        return Boolean.parseBoolean(env != null ? env : System.getProperty(OFFLINE_PROPERTY));
    }
}
