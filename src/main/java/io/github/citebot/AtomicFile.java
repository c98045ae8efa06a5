package io.github.citebot;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file replaced whole: written beside its place, then renamed into it, so that a reader (another citebot
 * process included) and a run stopped half-way see the old file or the new one, never part of one. The caches,
 * the unpacked models and the files {@code --out} names are written this way.
 */
public final class AtomicFile {

    /** Writes the new content to the file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces {@code target} with what {@code content} writes; on failure the old file stays as it was. */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, target.getFileName().toString(), ".tmp");
        try {
            content.writeTo(temp);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Renames a finished file into place, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
