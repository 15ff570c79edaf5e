package io.tai2.sim;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Carries the simulator on loopback with an embedded Tomcat: REST under {@code /api/v5/} (the API gets the raw request
 * target and raw body, so signatures are checked over exactly what the client sent), the control API under
 * {@code /__sim/}, WebSocket on {@code /ws/v5/public|private|business} (query strings ignored), and optionally the fake
 * LLM under {@code /api/v1/} (scripted under {@code /__sim/llm/}), and a fake Telegram Bot API under {@code /bot<token>/}
 * (driven under {@code /__sim/telegram/}). Port 0 picks a free port.
 */
public final class SimServer implements AutoCloseable {

  private static final String DROP = SimServer.class.getName() + ".drop";

  /**
   * Tomcat's web-application leak checks (JDBC drivers, thread locals, RMI) warn at every stop here; the simulator is no
   * deployable web application, so they only add noise. Held strongly: JUL keeps loggers weakly.
   */
  private static final Logger LEAK_CHECKS =
      quiet("org.apache.catalina.loader.WebappClassLoaderBase");

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private final Tomcat tomcat = new Tomcat();
  private final SimRestApi api; // null when only the fake LLM is served
  private final Connector connector;
  private final Path baseDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  public SimServer(SimRestApi api, int port) {
    this(api, null, port);
  }

  /** With a market, the control API under {@code /__sim/} is served too. */
  public SimServer(SimRestApi api, SimMarket market, int port) {
    this(api, market, null, port);
  }

  /** With a fake LLM (may be null), OpenAI-compatible clients reach it at {@code http://127.0.0.1:<port>/api/v1}. */
  public SimServer(SimRestApi api, SimMarket market, FakeLlm llm, int port) {
    this(api, market, llm, null, port);
  }

  /** With a fake Telegram Bot API too (may be null): bots reach it with {@code TELEGRAM_API_URL=http://127.0.0.1:<port>}. */
  public SimServer(SimRestApi api, SimMarket market, FakeLlm llm, FakeTelegram telegram, int port) {
    this.api = api;
    try {
      baseDir = Files.createTempDirectory("tai2-sim");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tomcat.setBaseDir(baseDir.toString());
    connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("useVirtualThreads", "true");
    tomcat.setConnector(connector);
    var context = tomcat.addContext("", baseDir.toString());
    SimControl control = market == null ? null : new SimControl(api, market);
    Tomcat.addServlet(context, "sim", new SimServlet(api, control, llm, telegram));
    context.addServletMappingDecoded("/", "sim");
    context.getPipeline().addValve(new DropValve());
    if (api != null) {
      webSockets(context, api);
    }
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IllegalStateException("cannot start the simulator on 127.0.0.1:" + port, e);
    }
    if (connector.getLocalPort() <= 0) {
      close();
      throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (port in use?)");
    }
  }

  /** Only the fake LLM (no exchange): for tests of LLM clients. */
  public static SimServer llmOnly(FakeLlm llm, int port) {
    return new SimServer(null, null, llm, port);
  }

  private static void webSockets(Context context, SimRestApi api) {
    context.addServletContainerInitializer(new WsSci(), null);
    ServletContainerInitializer endpoints =
        (classes, servletContext) -> {
          ServerContainer container =
              (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
          try {
            container.addEndpoint(
                ServerEndpointConfig.Builder.create(WsEndpoint.class, "/ws/v5/{service}")
                    .configurator(
                        new ServerEndpointConfig.Configurator() {
                          @Override
                          public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return endpointClass.cast(new WsEndpoint(api.webSocket()));
                          }
                        })
                    .build());
          } catch (DeploymentException e) {
            throw new IllegalStateException(e);
          }
        };
    context.addServletContainerInitializer(endpoints, Collections.emptySet());
  }

  /** The port actually bound. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops the server; closing twice is harmless (tests close early to simulate an unreachable endpoint). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (api != null) {
      api.webSocket().close();
    }
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("cannot stop the simulator", e);
    } finally {
      baseDir.toFile().deleteOnExit();
    }
  }

  /** REST and control requests. */
  private static final class SimServlet extends HttpServlet {

    private final transient SimRestApi api;
    private final transient SimControl control;
    private final transient FakeLlm llm;
    private final transient FakeLlmControl llmControl;
    private final transient FakeTelegram telegram;
    private final transient FakeTelegramControl telegramControl;

    SimServlet(SimRestApi api, SimControl control, FakeLlm llm, FakeTelegram telegram) {
      this.telegram = telegram;
      this.telegramControl = telegram == null ? null : new FakeTelegramControl(telegram);
      this.api = api;
      this.control = control;
      this.llm = llm;
      this.llmControl = llm == null ? null : new FakeLlmControl(llm);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String path = req.getRequestURI();
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String target = path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
      Map<String, String> headers = new HashMap<>();
      Collections.list(req.getHeaderNames())
          .forEach(name -> headers.put(name, req.getHeader(name)));
      if (llm != null && FakeLlm.serves(path)) {
        answer(req, resp, llm.handle(new RawRequest(req.getMethod(), target, headers, body)));
        return;
      }
      SimResponse response;
      if (path.startsWith("/api/v5/") && api != null) {
        response = api.handle(new RawRequest(req.getMethod(), target, headers, body));
      } else if (telegram != null && FakeTelegram.serves(path)) {
        response = telegram.handle(new RawRequest(req.getMethod(), target, headers, body));
      } else if (telegramControl != null && FakeTelegramControl.serves(path)) {
        response = telegramControl.handle(new RawRequest(req.getMethod(), target, headers, body));
      } else if (llmControl != null && FakeLlmControl.serves(path)) {
        response = llmControl.handle(req.getMethod(), path, body);
      } else if (path.startsWith("/__sim/") && control != null) {
        response = control.handle(req.getMethod(), path, body);
      } else {
        response = new SimResponse(404, "{\"code\":\"404\",\"msg\":\"Not Found\",\"data\":[]}");
      }
      if (response.drop()) {
        req.setAttribute(DROP, Boolean.TRUE); // processed, never answered
        return;
      }
      if (!response.delay().isZero()) {
        try {
          Thread.sleep(response.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      resp.setStatus(response.status());
      resp.setContentType("application/json");
      resp.setContentLength(bytes.length);
      resp.getOutputStream().write(bytes);
    }

    /** Writes a fake-LLM answer: one JSON body, or SSE events flushed one by one; a drop closes the connection. */
    private static void answer(
        HttpServletRequest req, HttpServletResponse resp, FakeLlmAnswer answer) throws IOException {
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (answer.drop() && answer.parts().isEmpty()) {
        req.setAttribute(DROP, Boolean.TRUE);
        return;
      }
      resp.setStatus(answer.status());
      answer.headers().forEach(resp::setHeader);
      resp.setContentType(answer.contentType() + ";charset=utf-8");
      if (answer.parts().size() == 1 && !answer.drop()) {
        byte[] bytes = answer.parts().getFirst().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
        return;
      }
      for (String part : answer.parts()) {
        resp.getOutputStream().write(part.getBytes(StandardCharsets.UTF_8));
        resp.flushBuffer();
      }
      if (answer.drop()) {
        req.setAttribute(DROP, Boolean.TRUE);
      }
    }
  }

  /** Closes the connection without a response when the servlet marked the request as dropped. */
  private static final class DropValve extends ValveBase {

    DropValve() {
      super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      getNext().invoke(request, response);
      if (request.getAttribute(DROP) != null) {
        response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
      }
    }
  }

  /** One WebSocket connection, bridged to {@link SimWebSocket}. */
  public static final class WsEndpoint extends Endpoint {

    private final SimWebSocket hub;
    private SimWsSession session;

    WsEndpoint(SimWebSocket hub) {
      this.hub = hub;
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
      Optional<SimWsSession.Service> service =
          SimWsSession.Service.of(ws.getPathParameters().getOrDefault("service", ""));
      if (service.isEmpty()) {
        closeQuietly(ws, 4002, "Invalid request");
        return;
      }
      session =
          hub.open(
              service.get(),
              new SimWsSession.Peer() {
                @Override
                public void deliver(String text) throws IOException {
                  ws.getBasicRemote().sendText(text);
                }

                @Override
                public void close(int code, String reason) {
                  closeQuietly(ws, code, reason);
                }
              });
      ws.addMessageHandler(
          String.class, (MessageHandler.Whole<String>) text -> hub.onText(session, text));
    }

    @Override
    public void onClose(Session ws, CloseReason reason) {
      if (session != null) {
        hub.closed(session);
      }
    }

    @Override
    public void onError(Session ws, Throwable error) {
      if (session != null) {
        hub.closed(session);
      }
    }

    private static void closeQuietly(Session ws, int code, String reason) {
      try {
        if (ws.isOpen()) {
          ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        }
      } catch (IOException | RuntimeException e) {
        // already gone
      }
    }
  }
}
