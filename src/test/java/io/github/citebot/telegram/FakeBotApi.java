package io.github.citebot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Telegram Bot API server in the test's JVM (JDK HttpServer on 127.0.0.1, a random port), good enough for the
 * real TelegramBots client: getMe, deleteWebhook, setMyCommands, sendChatAction, sendMessage and getUpdates.
 *
 * <p>As the real one: the token is checked on every call (401 otherwise); getUpdates is held open until an
 * update arrives or its {@code timeout} passes, confirms every update below its {@code offset}, and ends a
 * getUpdates still held with 409 Conflict when another one arrives; dates are in seconds; sendMessage parses
 * HTML as Telegram does (only its tags, only its four named entities, balanced) and answers 400 to bad HTML or
 * to a text over 4096 characters. Faults can be queued per method (a 429 with retry_after, say), and the server
 * can be stopped and started again on the same port.
 */
final class FakeBotApi implements AutoCloseable {

    static final String TOKEN = "123456789:AAHfakeTOKENsecret_for-tests-0123456789";
    static final long BOT_ID = 123456789L;
    static final String USERNAME = "citebot_test_bot";

    /** A message the bot sent. */
    record Sent(long chatId, String html, String text, Integer replyTo, long nanos, int messageId) {
    }

    /** A call the bot made: the method, its JSON body and when it came. */
    record Call(String method, JsonNode body, long nanos) {
    }

    /** A failed call: a Bot API error object, or with {@code page} the HTML error page a proxy would send. */
    private record Fault(int status, String description, Integer retryAfter, boolean page) {
    }

    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/(\\w+)");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z-]+)((?:\\s+[a-z-]+=\"[^\"]*\")*)\\s*>");
    private static final List<String> METHODS = List.of("getMe", "deleteWebhook", "setMyCommands", "sendChatAction",
            "sendMessage", "getUpdates");
    private static final List<String> TAGS = List.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji");

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-bot-api");
        t.setDaemon(true);
        return t;
    });
    private int nextUpdateId = 1;
    private int nextMessageId = 1;
    private long pollGeneration;
    private int port;
    private HttpServer server;

    FakeBotApi() throws IOException {
        start();
    }

    /** The value for TELEGRAM_API_URL. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** (Re)starts serving, on the same port after the first start. */
    void start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        s.createContext("/", this::handle);
        s.setExecutor(threads);
        s.start();
        port = s.getAddress().getPort();
        synchronized (lock) {
            server = s;
        }
    }

    /** Goes away: the port refuses connections and open calls are cut, as when the network drops. */
    void stop() {
        HttpServer s;
        synchronized (lock) {
            s = server;
            server = null;
            lock.notifyAll();
        }
        if (s != null) {
            s.stop(0);
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    // ---- what the tests do as Telegram users ----

    /** A user writes {@code text} in a private chat whose id is the user's id; returns the message id. */
    int sendText(long chatId, String text) {
        return enqueue("message", message(chatId, "private", text, "Reader"), null);
    }

    /** A user whose first name is {@code firstName} writes in a private chat. */
    int sendText(long chatId, String text, String firstName) {
        return enqueue("message", message(chatId, "private", text, firstName), null);
    }

    /** Someone writes in a group. */
    int sendGroupText(long chatId, String text) {
        return enqueue("message", message(chatId, "supergroup", text, "Member"), null);
    }

    /** Someone in a group replies to the bot's message {@code botMessageId}. */
    int replyToBot(long chatId, String text, int botMessageId) {
        ObjectNode m = message(chatId, "supergroup", text, "Member");
        ObjectNode replied = m.putObject("reply_to_message");
        replied.put("message_id", botMessageId).put("date", seconds()).set("chat", m.get("chat"));
        replied.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "citebot")
                .put("username", USERNAME);
        return enqueue("message", m, null);
    }

    /** A user sends a sticker. */
    int sendSticker(long chatId) {
        ObjectNode m = message(chatId, "private", null, "Reader");
        m.putObject("sticker").put("file_id", "CAACAgIAAxkBAAE").put("file_unique_id", "AgADBAAD").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        return enqueue("message", m, null);
    }

    /** A user edits an earlier message. */
    void editText(long chatId, int messageId, String text) {
        ObjectNode m = message(chatId, "private", text, "Reader");
        m.put("message_id", messageId).put("edit_date", seconds());
        enqueue("edited_message", m, messageId);
    }

    /** The next call of {@code method} fails with this status (and retry_after seconds when not null). */
    void failNext(String method, int status, String description, Integer retryAfter) {
        synchronized (lock) {
            faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Fault(status, description, retryAfter, false));
        }
    }

    /** The next call of {@code method} gets an HTML error page with this status, as from a proxy in between. */
    void failNextWithPage(String method, int status) {
        synchronized (lock) {
            faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Fault(status, "", null, true));
        }
    }

    // ---- what the tests check ----

    /** Waits until the bot has sent {@code count} messages to the chat; returns all it sent there. */
    List<Sent> awaitSent(long chatId, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (sentTo(chatId).size() < count && System.nanoTime() < end) {
                lock.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            }
            return sentTo(chatId);
        }
    }

    /** Every message sent so far, in order. */
    List<Sent> sent() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    /** Every call of {@code method} so far. */
    List<Call> calls(String method) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    /** Waits until no update is left unconfirmed and none held by a poll; true when that happened in time. */
    boolean awaitAllTaken(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!pending.isEmpty() && System.nanoTime() < end) {
                lock.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            }
            return pending.isEmpty();
        }
    }

    /** Waits until {@code method} has been called {@code count} times. */
    boolean awaitCalls(String method, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (calls(method).size() < count && System.nanoTime() < end) {
                lock.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            }
            return calls(method).size() >= count;
        }
    }

    /** The text Telegram would show for Telegram HTML; throws IllegalArgumentException where Telegram answers 400. */
    static String parseHtml(String html) {
        StringBuilder text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char ch = html.charAt(i);
            if (ch == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                if (!m.lookingAt() || !TAGS.contains(m.group(2))) {
                    throw new IllegalArgumentException("can't parse entities: unsupported start tag at byte offset " + i);
                }
                if (m.group(1).isEmpty()) {
                    open.push(m.group(2));
                } else if (!m.group(2).equals(open.poll())) {
                    throw new IllegalArgumentException("can't parse entities: unmatched end tag at byte offset " + i);
                }
                i = m.end();
            } else if (ch == '&') {
                int semi = html.indexOf(';', i);
                String entity = semi < 0 ? "" : html.substring(i + 1, semi);
                String decoded = switch (entity) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    default -> entity.matches("#\\d{1,7}") ? new String(Character.toChars(Integer.parseInt(entity.substring(1))))
                            : null;
                };
                if (decoded == null) {
                    throw new IllegalArgumentException("can't parse entities: can't find end of the entity at byte offset " + i);
                }
                text.append(decoded);
                i = semi + 1;
            } else if (ch == '>') {
                throw new IllegalArgumentException("can't parse entities: unexpected > at byte offset " + i);
            } else {
                text.append(ch);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("can't parse entities: can't find end tag corresponding to start tag " + open.peek());
        }
        return text.toString();
    }

    // ---- the server ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches() || !path.group(1).equals(TOKEN)) {
                respond(exchange, 401, error(401, "Unauthorized", null));
                return;
            }
            // Method names are case-insensitive on Telegram; the library sends some in lower case (getme).
            String method = METHODS.stream().filter(path.group(2)::equalsIgnoreCase).findFirst().orElse(path.group(2));
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            Fault fault;
            synchronized (lock) {
                calls.add(new Call(method, body, System.nanoTime()));
                lock.notifyAll();
                Deque<Fault> queued = faults.get(method);
                fault = queued == null ? null : queued.poll();
            }
            if (fault != null && fault.page()) {
                byte[] page = ("<html><body><h1>" + fault.status() + " Internal Server Error</h1></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(fault.status(), page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
                return;
            }
            if (fault != null) {
                respond(exchange, fault.status(), error(fault.status(), fault.description(), fault.retryAfter()));
                return;
            }
            ObjectNode reply = switch (method) {
                case "getMe" -> ok(json.createObjectNode().put("id", BOT_ID).put("is_bot", true)
                        .put("first_name", "citebot").put("username", USERNAME));
                case "deleteWebhook", "sendChatAction" -> ok(json.getNodeFactory().booleanNode(true));
                case "setMyCommands" -> body.path("commands").isArray() && body.path("commands").size() > 0
                        ? ok(json.getNodeFactory().booleanNode(true)) : error(400, "Bad Request: commands are empty", null);
                case "sendMessage" -> sendMessage(body);
                case "getUpdates" -> getUpdates(body);
                default -> error(404, "Not Found: method not found", null);
            };
            respond(exchange, reply.path("ok").asBoolean() ? 200 : reply.path("error_code").asInt(), reply);
        } catch (IOException | RuntimeException e) {
            // The client went away (or the server is stopping): nothing to answer.
        }
    }

    private ObjectNode sendMessage(JsonNode body) {
        String html = body.path("text").asText("");
        String text;
        try {
            text = "HTML".equals(body.path("parse_mode").asText()) ? parseHtml(html) : html;
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: " + e.getMessage(), null);
        }
        if (text.isBlank()) {
            return error(400, "Bad Request: message text is empty", null);
        }
        if (text.length() > 4096) {
            return error(400, "Bad Request: message is too long", null);
        }
        long chatId = body.path("chat_id").asLong();
        JsonNode replyTo = body.path("reply_parameters").path("message_id");
        synchronized (lock) {
            int messageId = nextMessageId++;
            sent.add(new Sent(chatId, html, text, replyTo.isMissingNode() ? null : replyTo.asInt(), System.nanoTime(),
                    messageId));
            lock.notifyAll();
            ObjectNode m = json.createObjectNode().put("message_id", messageId).put("date", seconds()).put("text", text);
            m.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private");
            m.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "citebot").put("username", USERNAME);
            return ok(m);
        }
    }

    private ObjectNode getUpdates(JsonNode body) throws IOException {
        int offset = body.path("offset").asInt(0);
        int limit = Math.max(1, Math.min(100, body.path("limit").asInt(100)));
        long end = System.nanoTime() + Duration.ofSeconds(Math.max(0, body.path("timeout").asInt(0))).toNanos();
        synchronized (lock) {
            long generation = ++pollGeneration;
            lock.notifyAll(); // a getUpdates still held ends with 409, as on Telegram
            if (offset > 0) {
                pending.removeIf(u -> u.get("update_id").asInt() < offset);
            }
            HttpServer mine = server;
            while (fresh(offset).isEmpty() && System.nanoTime() < end && server == mine && server != null
                    && generation == pollGeneration) {
                try {
                    lock.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            if (server != mine || server == null) {
                throw new IOException("server stopped");
            }
            if (generation != pollGeneration) {
                return error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", null);
            }
            ArrayNode result = json.createArrayNode();
            fresh(offset).stream().limit(limit).forEach(result::add);
            return ok(result);
        }
    }

    private List<ObjectNode> fresh(int offset) {
        return pending.stream().filter(u -> u.get("update_id").asInt() >= offset).toList();
    }

    private int enqueue(String kind, ObjectNode message, Integer messageId) {
        synchronized (lock) {
            int id = messageId != null ? messageId : nextMessageId++;
            message.put("message_id", id);
            ObjectNode update = json.createObjectNode().put("update_id", nextUpdateId++);
            update.set(kind, message);
            pending.add(update);
            lock.notifyAll();
            return id;
        }
    }

    private ObjectNode message(long chatId, String type, String text, String firstName) {
        ObjectNode m = json.createObjectNode();
        long userId = chatId > 0 ? chatId : 42L;
        m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", firstName);
        ObjectNode chat = m.putObject("chat").put("id", chatId).put("type", type);
        if (type.equals("private")) {
            chat.put("first_name", firstName);
        } else {
            chat.put("title", "Readers");
        }
        m.put("date", seconds());
        if (text != null) {
            m.put("text", text);
            if (text.startsWith("/")) {
                int end = text.indexOf(' ');
                m.putArray("entities").addObject().put("type", "bot_command").put("offset", 0)
                        .put("length", end < 0 ? text.length() : end);
            }
        }
        return m;
    }

    private static long seconds() {
        return System.currentTimeMillis() / 1000;
    }

    private ObjectNode ok(JsonNode result) {
        ObjectNode reply = json.createObjectNode().put("ok", true);
        reply.set("result", result);
        return reply;
    }

    private ObjectNode error(int code, String description, Integer retryAfter) {
        ObjectNode reply = json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        if (retryAfter != null) {
            reply.putObject("parameters").put("retry_after", retryAfter);
        }
        return reply;
    }

    private List<Sent> sentTo(long chatId) {
        return sent.stream().filter(s -> s.chatId() == chatId).toList();
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
