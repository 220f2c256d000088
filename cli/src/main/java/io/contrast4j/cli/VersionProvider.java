package io.contrast4j.cli;

import picocli.CommandLine;

/** Reports the toolkit version from the jar manifest plus the runtime that matters for support. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Contrast4j.class.getPackage().getImplementationVersion();
        return new String[] {
            "contrast4j " + (version == null ? "dev" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
