package io.github.citebot.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches a folder and runs an action once its files have stopped changing for a moment (so a file being
 * copied in, or a batch of files, triggers one run, after the last write). The action runs in the watcher's
 * own daemon thread, one run at a time; a run that throws is logged and the watch goes on. A folder that is
 * deleted is waited for: once it is back (recreated, or moved back into place), it is watched again and the
 * action runs, so a reader never keeps answering from files that are gone.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    /** How often a deleted folder is looked for. */
    private static final long LOOK_AGAIN_MILLIS = 250;

    private final Path folder;
    private final WatchService service;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts watching.
     *
     * @param folder   the folder (not its subfolders)
     * @param relevant which changed file names matter
     * @param settle   how long the folder must be quiet before the action runs
     * @param action   what to run after a change
     */
    public FolderWatcher(Path folder, Predicate<Path> relevant, Duration settle, Runnable action) throws IOException {
        this.folder = folder;
        this.service = FileSystems.getDefault().newWatchService();
        register();
        this.thread = new Thread(() -> loop(relevant, settle, action), "citebot-watch-" + folder.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void register() throws IOException {
        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void loop(Predicate<Path> relevant, Duration settle, Runnable action) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean changed = drain(key, relevant);
                // Wait until nothing has changed for the settle time, gathering the events meanwhile.
                for (WatchKey more = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS); more != null;
                     more = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) {
                    changed |= drain(more, relevant);
                    key = more;
                }
                if (!key.isValid()) { // the folder itself is gone: run for that, then wait for it to come back
                    run(action);
                    awaitFolder();
                    changed = true;
                }
                if (changed) {
                    run(action);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: stop.
        }
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("reloading after a change failed: {}", e.getMessage());
            }
        }
    }

    /** Waits until the folder exists again and watches it from then on. */
    private void awaitFolder() throws InterruptedException {
        while (true) {
            Thread.sleep(LOOK_AGAIN_MILLIS);
            if (Files.isDirectory(folder)) {
                try {
                    register();
                    return;
                } catch (IOException e) {
                    // deleted again meanwhile: keep looking
                }
            }
        }
    }

    private static boolean drain(WatchKey key, Predicate<Path> relevant) {
        boolean changed = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            changed |= e.kind() == StandardWatchEventKinds.OVERFLOW
                    || e.context() instanceof Path p && relevant.test(p);
        }
        key.reset();
        return changed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        thread.interrupt();
    }
}
