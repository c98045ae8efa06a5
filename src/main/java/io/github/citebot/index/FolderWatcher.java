package io.github.citebot.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
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
 * own daemon thread, one run at a time; a run that throws is logged and the watch goes on.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    private final WatchService service;
    private final Thread thread;

    /**
     * Starts watching.
     *
     * @param folder   the folder (not its subfolders)
     * @param relevant which changed file names matter
     * @param settle   how long the folder must be quiet before the action runs
     * @param action   what to run after a change
     */
    public FolderWatcher(Path folder, Predicate<Path> relevant, Duration settle, Runnable action) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(() -> loop(relevant, settle, action), "citebot-watch-" + folder.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Predicate<Path> relevant, Duration settle, Runnable action) {
        try {
            while (true) {
                boolean changed = drain(service.take(), relevant);
                // Wait until nothing has changed for the settle time, gathering the events meanwhile.
                for (WatchKey more = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS); more != null;
                     more = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) {
                    changed |= drain(more, relevant);
                }
                if (changed) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        LOG.warn("reloading after a change failed: {}", e.getMessage());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: stop.
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
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        thread.interrupt();
    }
}
