package io.contrast4j.cli.options;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.contrast4j.core.UserInputException;
import java.util.Locale;
import picocli.CommandLine;

/** {@code --device}: where the model runs. */
public enum DeviceKind {
    CPU, GPU;

    /** The DJL device; GPU only when DJL sees one (a CUDA build of pytorch-native on the class path). */
    public Device device() {
        if (this == CPU) return Device.cpu();
        if (Engine.getInstance().getGpuCount() == 0) {
            throw new UserInputException("--device gpu: DJL sees no GPU (is a CUDA build of pytorch-native on"
                    + " the classpath instead of pytorch-native-cpu?)");
        }
        return Device.gpu();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive, with a one-line message naming the valid values. */
    public static final class Converter implements CommandLine.ITypeConverter<DeviceKind> {
        @Override
        public DeviceKind convert(String value) {
            return EnumOption.parse(DeviceKind.class, "--device", value);
        }
    }
}
