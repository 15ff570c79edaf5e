package io.tai2.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MB with a {@code 413} problem: at once when {@code Content-Length} says so, else (a
 * chunked body) as soon as reading passes the limit. Nothing tai2 accepts comes near it (a prompt text is at most
 * 64 KB), so a bigger body is a mistake or an attack, and is never buffered whole.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

  static final long MAX_BYTES = 1024 * 1024;
  static final String DETAIL = "the request body is larger than 1 MB";

  private static final Logger log = LoggerFactory.getLogger(RequestSizeLimit.class);

  /** Thrown while a chunked body is read past the limit; {@code RequestProblems} answers it with 413. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super(DETAIL);
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BYTES) {
      log.warn(
          "event=request_too_large method={} path={} content_length={}",
          request.getMethod(),
          request.getRequestURI(),
          declared);
      refuse(response);
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Counted(request), response);
  }

  static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(413);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"body too large\",\"status\":413,\"detail\":\""
                + DETAIL
                + "\"}");
  }

  /** A request whose body stream fails with {@link TooLarge} once more than {@link #MAX_BYTES} have been read. */
  private static final class Counted extends HttpServletRequestWrapper {
    private ServletInputStream stream;

    Counted(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    CountingStream(ServletInputStream in) {
      this.in = in;
    }

    private int counted(int n) throws TooLarge {
      if (n > 0) {
        read += n;
        if (read > MAX_BYTES) {
          throw new TooLarge();
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return counted(in.read(b, off, len));
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
