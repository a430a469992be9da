package io.streamspace.server.ui;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the web UI (the {@code ui} module's jar puts its build under {@code static/}) with
 * client-side routing: any page navigation outside the server's own paths gets {@code index.html},
 * and the router in the browser shows the screen. Vite names every built asset by its content hash,
 * so those are cached for a year; {@code index.html} names the current hashes and is never cached,
 * so a new release is picked up on the next navigation.
 */
@Configuration(proxyBeanMethods = false)
public class UiWebConfiguration implements WebFluxConfigurer {

  static final String ASSETS = "/assets/**";
  private static final Resource INDEX = new ClassPathResource("static/index.html");

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(ASSETS)
        .addResourceLocations("classpath:/static/assets/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
  }

  /**
   * The page for every client-side route. Files that exist under {@code static/} (favicon, assets)
   * are left to the resource handler, which runs after router functions.
   */
  @Bean
  RouterFunction<ServerResponse> uiPage() {
    RequestPredicate navigation =
        request -> UiRoutes.isPageNavigation(request.exchange()) && !isStaticFile(request);
    return RouterFunctions.route(
        navigation,
        request ->
            INDEX.exists()
                ? ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .cacheControl(CacheControl.noCache())
                    .bodyValue(INDEX)
                : ServerResponse.notFound().build());
  }

  private static boolean isStaticFile(ServerRequest request) {
    String path = request.path();
    if (path.equals("/") || path.endsWith("/") || path.contains("..")) {
      return false;
    }
    return new ClassPathResource("static" + path).isReadable();
  }
}
