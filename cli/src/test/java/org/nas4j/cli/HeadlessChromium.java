package org.nas4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client (nothing is
 * downloaded). One page; collects console errors, uncaught exceptions and error log entries. Not thread-safe.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch loaded = new CountDownLatch(1);

  private HeadlessChromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Starts Chromium with a fresh profile in {@code userDataDir} and attaches to its first page. */
  static HeadlessChromium start(Path userDataDir) throws Exception {
    Files.createDirectories(userDataDir);
    Path log = userDataDir.resolve("chromium.log");
    Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + userDataDir,
        "--window-size=1280,900", "about:blank")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path portFile = userDataDir.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("Chromium did not start; its log: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String ws = null;
    while (ws == null) {
      JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : list) {
        if (t.path("type").asText().equals("page")) {
          ws = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (ws == null) {
        Thread.sleep(50);
      }
    }
    HeadlessChromium[] self = new HeadlessChromium[1];
    StringBuilder partial = new StringBuilder();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String msg = partial.toString();
          partial.setLength(0);
          self[0].onMessage(msg);
        }
        w.request(1);
        return null;
      }
    }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    HeadlessChromium c = new HeadlessChromium(p, socket);
    self[0] = c;
    c.send("Runtime.enable", null);
    c.send("Log.enable", null);
    c.send("Page.enable", null);
    return c;
  }

  private void onMessage(String text) {
    try {
      JsonNode m = JSON.readTree(text);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
        return;
      }
      String method = m.path("method").asText();
      JsonNode params = m.path("params");
      switch (method) {
        case "Page.loadEventFired" -> loaded.countDown();
        case "Runtime.consoleAPICalled" -> {
          if (params.path("type").asText().matches("error|assert")) {
            errors.add("console." + params.path("type").asText() + ": " + params.path("args").toString());
          }
        }
        case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails").toString());
        case "Log.entryAdded" -> {
          if (params.path("entry").path("level").asText().equals("error")) {
            errors.add("log: " + params.path("entry").path("text").asText() + " "
                + params.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    } catch (IOException e) {
      errors.add("unreadable DevTools message: " + e.getMessage());
    }
  }

  /** Sends a DevTools command and returns its {@code result}; fails on a protocol error. */
  JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", params);
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(msg.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Opens a file and waits for its load event. */
  void open(Path file) throws Exception {
    loaded = new CountDownLatch(1);
    send("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
    if (!loaded.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("page did not load: " + file);
    }
  }

  /** Evaluates a JavaScript expression in the page and returns its value. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Moves the mouse onto the centre of the first element matching {@code selector} (scrolled into view). */
  double[] hover(String selector) throws Exception {
    JsonNode box = eval("(function(){var e=document.querySelector(" + JSON.writeValueAsString(selector) + ");"
        + "e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
        + "return [r.left+r.width/2, r.top+r.height/2];})()");
    double[] xy = {box.get(0).asDouble(), box.get(1).asDouble()};
    mouse("mouseMoved", xy);
    return xy;
  }

  /** A real mouse click (press and release) on the centre of the first element matching {@code selector}. */
  void click(String selector) throws Exception {
    double[] xy = hover(selector);
    mouse("mousePressed", xy);
    mouse("mouseReleased", xy);
  }

  private void mouse(String type, double[] xy) throws Exception {
    ObjectNode p = JSON.createObjectNode().put("type", type).put("x", xy[0]).put("y", xy[1]);
    if (!type.equals("mouseMoved")) {
      p.put("button", "left").put("clickCount", 1);
    }
    send("Input.dispatchMouseEvent", p);
  }

  /** Writes a PNG of the whole page, 1280 CSS pixels wide. */
  void screenshot(Path png) throws Exception {
    int height = eval("document.documentElement.scrollHeight").asInt();
    send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", 1280)
        .put("height", Math.min(height, 8000)).put("deviceScaleFactor", 1).put("mobile", false));
    JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    send("Emulation.clearDeviceMetricsOverride", null);
  }

  /** Console errors, uncaught exceptions and error log entries so far. */
  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      // No reply is awaited: the browser may exit before it answers.
      socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true)
          .get(5, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
