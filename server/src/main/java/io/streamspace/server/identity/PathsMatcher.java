package io.streamspace.server.identity;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Request paths matched against some patterns and not others, in plain Java, as Spring Security's
 * path matchers match them (the same parser, the path within the application), for any method or
 * one.
 *
 * <p>Spring Security's {@code pathMatchers} is an OR of one matcher per pattern, run as a Reactor
 * {@code flatMap} over all of them with a debug message each; the security chain asks the public
 * and protected sets three times per API request, about thirty pattern matches each with its own
 * inner subscription. These answer with one of two ready results.
 */
final class PathsMatcher implements ServerWebExchangeMatcher {

  private static final Mono<MatchResult> MATCH = MatchResult.match();
  private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

  private final HttpMethod method;
  private final List<PathPattern> included;
  private final List<PathPattern> excluded;

  private PathsMatcher(HttpMethod method, List<PathPattern> included, List<PathPattern> excluded) {
    this.method = method;
    this.included = included;
    this.excluded = excluded;
  }

  /** Any of these patterns, whatever the method. */
  static PathsMatcher anyOf(String... patterns) {
    return new PathsMatcher(null, parse(patterns), List.of());
  }

  /** Requests with this method on any of these patterns. */
  static PathsMatcher anyOf(HttpMethod method, String... patterns) {
    return new PathsMatcher(method, parse(patterns), List.of());
  }

  /** These requests, except those on the other matcher's patterns. */
  PathsMatcher except(PathsMatcher other) {
    return new PathsMatcher(method, included, other.included);
  }

  /** Whether the request matches, without a Reactor pipeline. */
  boolean test(ServerWebExchange exchange) {
    if (method != null && !method.equals(exchange.getRequest().getMethod())) {
      return false;
    }
    PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
    return anyMatches(included, path) && !anyMatches(excluded, path);
  }

  @Override
  public Mono<MatchResult> matches(ServerWebExchange exchange) {
    return test(exchange) ? MATCH : NO_MATCH;
  }

  @Override
  public String toString() {
    return (method == null ? "" : method + " ")
        + patternsOf(included)
        + (excluded.isEmpty() ? "" : " except " + patternsOf(excluded));
  }

  private static boolean anyMatches(List<PathPattern> patterns, PathContainer path) {
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private static List<PathPattern> parse(String... patterns) {
    PathPatternParser parser = PathPatternParser.defaultInstance;
    return Arrays.stream(patterns).map(p -> parser.parse(parser.initFullPathPattern(p))).toList();
  }

  private static List<String> patternsOf(List<PathPattern> patterns) {
    return patterns.stream().map(PathPattern::getPatternString).toList();
  }
}
