package io.contrast4j.cli.options;

import picocli.CommandLine.Option;

/** The shared {@code --model} and {@code --device} options (a picocli mixin). */
public final class ModelOptions {

    @Option(names = "--model", defaultValue = "minilm",
            description = "minilm, a model folder, or scratch:LAYERSxHIDDEN (random init, MiniLM vocabulary; pretrain only)"
                    + " (default: ${DEFAULT-VALUE}).")
    public String model;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceKind.Converter.class,
            description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    public DeviceKind device;
}
