package io.github.citebot.cli;

import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How the long-running commands (telegram, serve) stop on Ctrl-C or SIGTERM: they finish what they have taken,
 * then release the index and the model. The signals are handled before the JVM shuts down, not in a shutdown
 * hook, because ONNX Runtime releases its native environment in a shutdown hook of its own, which would run beside
 * ours while the last questions are still being embedded and crash the process. Where the signals cannot be
 * handled (-Xrs), a shutdown hook does the same. A second signal while stopping ends the process at once.
 */
final class GracefulStop {

    private final Thread hook;

    private GracefulStop(Thread hook) {
        this.hook = hook;
    }

    /** Runs {@code stop} once, at the first Ctrl-C or SIGTERM (or at JVM shutdown). */
    static GracefulStop install(Runnable stop) {
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable once = () -> {
            if (stopping.compareAndSet(false, true)) {
                stop.run();
            }
        };
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (stopping.get()) {
                        Runtime.getRuntime().halt(128 + s.getNumber());
                    }
                    once.run();
                });
            } catch (IllegalArgumentException e) {
                // The JVM or the platform keeps this signal: the shutdown hook stops the command.
            }
        }
        Thread hook = new Thread(once, "citebot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new GracefulStop(hook);
    }

    /** For a command that failed to start and cleans up itself: nothing more is run at shutdown. */
    void cancel() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already.
        }
    }
}
