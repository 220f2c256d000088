package io.contrast4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {
    @TempDir Path tmp;

    @Test
    void readsTheFirstLineStripped() throws IOException {
        Path f = Files.writeString(tmp.resolve("key"), "  s3cret-token \r\nsecond line ignored\n");
        assertEquals("s3cret-token", ApiKeyFile.read(f, "apiKeyFile"));
    }

    @Test
    void missingEmptyAndHugeFilesAreOneLineErrorsNamingTheField() throws IOException {
        UserInputException missing = assertThrows(UserInputException.class, () -> ApiKeyFile.read(tmp.resolve("nope"), "apiKeyFile"));
        assertTrue(missing.getMessage().startsWith("apiKeyFile: no such file"), missing.getMessage());
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        assertTrue(assertThrows(UserInputException.class, () -> ApiKeyFile.read(empty, "apiKeyFile")).getMessage().contains("is empty"));
        // A wrong file (e.g. a 1 MB log with no newline) is refused after 8 KiB, not read whole.
        Path huge = Files.write(tmp.resolve("huge"), "x".repeat(1 << 20).getBytes());
        String message = assertThrows(UserInputException.class, () -> ApiKeyFile.read(huge, "--api-key-file")).getMessage();
        assertTrue(message.startsWith("--api-key-file: ") && message.contains("over 8192 bytes"), message);
        assertEquals(1, message.lines().count());
    }
}
