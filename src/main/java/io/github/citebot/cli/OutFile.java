package io.github.citebot.cli;

import io.github.citebot.AtomicFile;
import io.github.citebot.CiteBotException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --out FILE} of eval and train: checked before the work starts (a run of minutes must not end in an
 * error that was known at the start) and written whole or not at all.
 */
final class OutFile {

    private OutFile() {
    }

    /** @throws CiteBotException when the file's folder is missing or the file is a folder */
    static void check(Path out) {
        if (out == null) {
            return;
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new CiteBotException("folder for --out not found: " + folder);
        }
        if (Files.isDirectory(out)) {
            throw new CiteBotException("--out is a folder, not a file: " + out);
        }
    }

    /**
     * Replaces the file whole ({@link AtomicFile}), so a run stopped or failing while it writes leaves the file
     * that was there (a model trained earlier) as it was.
     *
     * @throws CiteBotException when it cannot be written
     */
    static void write(Path out, String text) {
        try {
            AtomicFile.write(out, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CiteBotException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
