package io.streamspace.vnc.viewer;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the plain desktop viewer: the page at {@code /view/{session_id}}, its script and style at
 * {@code /view/assets/**}, and noVNC's ES modules at {@code /novnc/**}, all from the classpath
 * where the module's npm build (viewer/build.mjs) put them.
 */
@Configuration(proxyBeanMethods = false)
public class ViewerRoutes {

  static final String CLASSPATH_ROOT = "io/streamspace/vnc/viewer/";

  private static final Logger log = LoggerFactory.getLogger(ViewerRoutes.class);

  // Session ids are opaque, but never contain a slash or anything a URL path would need escaped.
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

  private final Resource page = new ClassPathResource(CLASSPATH_ROOT + "page/viewer.html");

  @Bean
  RouterFunction<ServerResponse> viewerRouter() {
    if (!page.exists()) {
      // Only when the module was compiled without its npm build (an IDE build, say).
      log.warn("The viewer page is missing from the classpath ({}): /view/** answers 404", page);
    }
    return RouterFunctions.route()
        .GET("/view/{sessionId}", this::page)
        .add(
            RouterFunctions.resources(
                "/view/assets/**",
                new ClassPathResource(CLASSPATH_ROOT + "page/"),
                (resource, headers) -> staticHeaders(headers)))
        .add(
            RouterFunctions.resources(
                "/novnc/**",
                new ClassPathResource(CLASSPATH_ROOT + "novnc/"),
                (resource, headers) -> staticHeaders(headers)))
        .build();
  }

  // Revalidate on every load: a new release must never mix old and new noVNC modules in a browser.
  private static void staticHeaders(HttpHeaders headers) {
    headers.setCacheControl(CacheControl.noCache());
    headers.set("X-Content-Type-Options", "nosniff");
  }

  private Mono<ServerResponse> page(ServerRequest request) {
    // The page reads the session id from its own URL, so nothing of the request enters the HTML.
    if (!SESSION_ID.matcher(request.pathVariable("sessionId")).matches() || !page.exists()) {
      return ServerResponse.notFound().build();
    }
    return ServerResponse.ok()
        .contentType(MediaType.TEXT_HTML)
        .headers(ViewerRoutes::staticHeaders)
        .bodyValue(page);
  }
}
