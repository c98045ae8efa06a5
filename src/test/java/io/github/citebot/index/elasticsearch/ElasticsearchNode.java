package io.github.citebot.index.elasticsearch;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Elasticsearch node for tests, run from the integ-test distribution that the build unpacks (system
 * property {@code elasticsearch.home}): on 127.0.0.1, free ports, security off, a 512 MB heap, its data and logs
 * in a directory of its own. Elasticsearch refuses to run as root, so as root the node runs as the existing
 * unprivileged user {@value #USER} (through runuser), which owns the node's directory; the machine's accounts are
 * left as they are. {@link #close()} stops the node and deletes its directory; a shutdown hook kills it if the
 * test JVM dies first.
 */
public final class ElasticsearchNode implements AutoCloseable {

    /** The user a node started by root runs as: one every Linux system has, with no rights of its own. */
    static final String USER = "nobody";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path home;
    private final Path dir;
    private final String name;
    private final int httpPort;
    private final int transportPort;
    private final List<String> settings;
    private Process launcher;
    private ProcessHandle server;
    private Thread killOnExit;

    private ElasticsearchNode(Path dir, String name, int httpPort, int transportPort, List<String> settings) {
        this.home = distribution();
        this.dir = dir;
        this.name = name;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.settings = settings;
    }

    /** A single-node cluster, started. */
    public static ElasticsearchNode startSingle() {
        ElasticsearchNode node = new ElasticsearchNode(newDirectory(), "solo", freePort(), freePort(),
                List.of("discovery.type=single-node"));
        node.start();
        return node;
    }

    /** A cluster of {@code n} nodes on loopback that discover each other, started and formed. */
    public static List<ElasticsearchNode> startCluster(int n) {
        List<Integer> http = new ArrayList<>();
        List<Integer> transport = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            http.add(freePort());
            transport.add(freePort());
        }
        String seeds = transport.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String masters = Stream.iterate(1, i -> i + 1).limit(n).map(i -> "node" + i).collect(Collectors.joining(","));
        Path root = newDirectory();
        List<ElasticsearchNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ElasticsearchNode node = new ElasticsearchNode(root.resolve("node" + (i + 1)), "node" + (i + 1),
                        http.get(i), transport.get(i),
                        List.of("discovery.seed_hosts=" + seeds, "cluster.initial_master_nodes=" + masters));
                nodes.add(node);
                node.launch();
            }
            for (ElasticsearchNode node : nodes) {
                node.awaitReady();
            }
            nodes.get(0).awaitHealth("wait_for_nodes=" + n);
            return nodes;
        } catch (RuntimeException e) {
            nodes.forEach(ElasticsearchNode::close);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the node (again, with the same data, after {@link #stop()}) and waits until it answers. */
    public void start() {
        launch();
        awaitReady();
    }

    /** Stops the node as an operator would (SIGTERM) and waits for it to exit. */
    public void stop() {
        end(false);
    }

    /** Kills the node's server process outright (SIGKILL), as a crash would. */
    public void kill() {
        end(true);
    }

    /** Sends a request to the node's REST API and returns the response body; fails on a status over 299. */
    public String request(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60));
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() > 299) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the cluster health API, with these parameters, reports no time-out. */
    public void awaitHealth(String parameters) {
        String body = request("GET", "/_cluster/health?timeout=120s&" + parameters, null);
        if (body.contains("\"timed_out\":true")) {
            throw new IllegalStateException("cluster health not reached (" + parameters + "): " + body);
        }
    }

    private void launch() {
        try {
            if (!Files.exists(dir.resolve("config"))) {
                prepareDirectory();
            }
            Files.deleteIfExists(dir.resolve("pid"));
            List<String> command = new ArrayList<>();
            if (isRoot()) {
                command.addAll(List.of("runuser", "-u", USER, "--"));
            }
            command.addAll(List.of("bash", home.resolve("bin/elasticsearch").toString(), "-p", dir.resolve("pid").toString()));
            List<String> all = new ArrayList<>(List.of("cluster.name=citebot-test", "node.name=" + name,
                    "network.host=127.0.0.1", "http.port=" + httpPort, "transport.port=" + transportPort,
                    "path.data=" + dir.resolve("data"), "path.logs=" + dir.resolve("logs"),
                    "xpack.security.enabled=false", "cluster.routing.allocation.disk.threshold_enabled=false"));
            all.addAll(settings);
            all.forEach(s -> command.add("-E" + s));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
            pb.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("ES_PATH_CONF", dir.resolve("config").toString());
            pb.environment().put("ES_TMPDIR", dir.resolve("tmp").toString());
            pb.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
            launcher = pb.start();
            if (killOnExit == null) {
                killOnExit = new Thread(() -> end(true));
                Runtime.getRuntime().addShutdownHook(killOnExit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("Elasticsearch node " + name + " exited with " + launcher.exitValue()
                        + ":\n" + consoleTail());
            }
            if (server == null) {
                server = readPid();
            }
            if (server != null) {
                try {
                    request("GET", "/_cluster/health", null);
                    return;
                } catch (RuntimeException notYet) {
                    // Not listening yet, or no master elected yet.
                }
            }
            pause(250);
        }
        end(true);
        throw new IllegalStateException("Elasticsearch node " + name + " not ready in " + STARTUP + ":\n" + consoleTail());
    }

    private ProcessHandle readPid() {
        try {
            Path pid = dir.resolve("pid");
            String text = Files.exists(pid) ? Files.readString(pid).strip() : "";
            return text.isEmpty() ? null : ProcessHandle.of(Long.parseLong(text)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized void end(boolean kill) {
        ProcessHandle s = server != null ? server : readPid();
        if (s != null) {
            if (kill) {
                s.destroyForcibly();
            } else {
                s.destroy();
            }
            s.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
            if (s.isAlive()) {
                s.destroyForcibly();
            }
        }
        if (launcher != null) {
            try {
                if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                    launcher.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server = null;
    }

    @Override
    public void close() {
        end(false);
        if (killOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or ran: the node is stopped either way.
            }
            killOnExit = null;
        }
        deleteRecursively(dir);
        if (dir.getParent().getFileName().toString().startsWith("citebot-es-")) {
            try {
                Files.deleteIfExists(dir.getParent());
            } catch (IOException otherNodesLeft) {
                // The last node of the cluster to close deletes it.
            }
        }
    }

    /** The node's own config (a copy: the node writes its keystore there), data, logs and temporary files. */
    private void prepareDirectory() throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.walk(home.resolve("config"))) {
            for (Path f : files.toList()) {
                Path to = dir.resolve("config").resolve(home.resolve("config").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        // No GC log in the working directory.
        Path jvmOptions = dir.resolve("config/jvm.options");
        Files.write(jvmOptions, Files.readAllLines(jvmOptions).stream().filter(l -> !l.startsWith("-Xlog:")).toList());
        for (String d : List.of("data", "logs", "tmp")) {
            Files.createDirectories(dir.resolve(d));
        }
        if (isRoot()) {
            run("chown", "-R", USER + ":", dir.toString());
        }
    }

    private static Path newDirectory() {
        try {
            Path dir = Files.createTempDirectory("citebot-es-");
            if (isRoot()) {
                ensureUser();
                run("chown", USER + ":", dir.toString());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unpacked distribution, readable by the node's user (copied to a readable place when it is not). */
    private static Path distribution() {
        String property = System.getProperty("elasticsearch.home");
        if (property == null || !Files.isDirectory(Path.of(property))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + property
                    + ": run the tests with Maven, which unpacks it (maven-dependency-plugin)");
        }
        Path home = Path.of(property).toAbsolutePath();
        if (!isRoot() || run("runuser", "-u", USER, "--", "test", "-r", home.resolve("bin/elasticsearch").toString()) == 0) {
            return home;
        }
        return readableCopy(home);
    }

    private static synchronized Path readableCopy(Path home) {
        Path copy = Path.of(System.getProperty("java.io.tmpdir"), "citebot-" + home.getFileName());
        if (!Files.exists(copy.resolve("bin/elasticsearch"))) {
            run("cp", "-a", home.toString(), copy + ".part");
            run("chmod", "-R", "a+rX", copy + ".part");
            run("mv", copy + ".part", copy.toString());
        }
        return copy;
    }

    private static void ensureUser() {
        if (run("id", "-u", USER) != 0) {
            throw new IllegalStateException("Elasticsearch refuses to run as root and this machine has no user " + USER
                    + " to run it as: run the tests as another user");
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static int run(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console log)";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // Left for the system's temporary-file cleaner; the node is stopped.
        }
    }
}
