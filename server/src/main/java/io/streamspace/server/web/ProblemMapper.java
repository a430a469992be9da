package io.streamspace.server.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.QuotaExceeded;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns any failure of a request into an RFC 9457 problem, so every error the API answers has one
 * shape, a status that says whose fault it is, and a detail a person can act on. Nothing internal
 * (stack traces, class names, SQL) reaches the client: unexpected failures are logged with the
 * request id and answered with that id only.
 */
public class ProblemMapper {

  private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

  private final String maxBodySize;

  public ProblemMapper(HttpProperties properties) {
    this.maxBodySize = readable(properties.maxBodySize());
  }

  private static String readable(DataSize size) {
    long bytes = size.toBytes();
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return size.toMegabytes() + "MB";
    }
    return bytes >= 1024 && bytes % 1024 == 0 ? size.toKilobytes() + "KB" : bytes + " bytes";
  }

  /** The problem that answers {@code failure} on {@code exchange}. */
  public Problem toProblem(Throwable failure, ServerWebExchange exchange) {
    Throwable cause = unwrap(failure);
    Problem problem = classify(cause, exchange);
    ProblemDetail body = problem.body();
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    body.setProperty("request_id", RequestIdFilter.requestId(exchange));
    return problem;
  }

  private Problem classify(Throwable failure, ServerWebExchange exchange) {
    if (failure instanceof WebExchangeBindException invalid) {
      return plain(validation(invalid.getAllErrors()));
    }
    if (failure instanceof HandlerMethodValidationException invalid) {
      return plain(parameterValidation(invalid));
    }
    if (isTooLarge(failure)) {
      return plain(
          ProblemTypes.problem(
              HttpStatus.CONTENT_TOO_LARGE,
              ProblemTypes.BODY_TOO_LARGE,
              "Request body too large",
              "the request body is larger than the limit of " + maxBodySize));
    }
    if (failure instanceof ServerWebInputException input) {
      return plain(invalidRequest(inputDetail(input)));
    }
    if (failure instanceof DecodingException decoding) {
      return plain(invalidRequest(bodyDetail(decoding)));
    }
    if (failure instanceof NoResourceFoundException) {
      return plain(
          ProblemTypes.problem(
              HttpStatus.NOT_FOUND,
              ProblemTypes.NOT_FOUND,
              "Not found",
              "no resource at " + exchange.getRequest().getPath().value()));
    }
    if (failure instanceof ErrorResponse response) {
      return fromErrorResponse(response, exchange.getRequest().getPath().value());
    }
    Problem domain = domainProblem(failure);
    if (domain != null) {
      return domain;
    }
    if (failure instanceof AggregateNotFoundException) {
      return plain(
          ProblemTypes.problem(
              HttpStatus.NOT_FOUND,
              ProblemTypes.NOT_FOUND,
              "Not found",
              "the resource does not exist"));
    }
    if (failure instanceof ConcurrencyException) {
      return plain(
          ProblemTypes.problem(
              HttpStatus.CONFLICT,
              ProblemTypes.CONCURRENT_MODIFICATION,
              "Concurrent modification",
              "the resource changed concurrently, retry"));
    }
    if (failure instanceof AuthenticationException) {
      return plain(
          ProblemTypes.problem(
              HttpStatus.UNAUTHORIZED,
              ProblemTypes.UNAUTHORIZED,
              "Unauthorized",
              "authentication required: send a valid bearer token"));
    }
    if (failure instanceof AccessDeniedException) {
      return plain(
          ProblemTypes.problem(
              HttpStatus.FORBIDDEN,
              ProblemTypes.FORBIDDEN,
              "Forbidden",
              "you are not allowed to do this"));
    }
    R2dbcTimeoutException timeout = find(failure, R2dbcTimeoutException.class);
    if (timeout != null) {
      // Every read connection stayed busy (or the database did not answer) for the bounded
      // wait: the server is overloaded, not broken, and the same request may well work shortly.
      log.warn(
          "Answering 503 for {} {}: {}",
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath().value(),
          timeout.getMessage());
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, "1");
      return new Problem(
          ProblemTypes.problem(
              HttpStatus.SERVICE_UNAVAILABLE,
              ProblemTypes.UNAVAILABLE,
              "Service unavailable",
              "the server is too busy to answer this request now; retry shortly"),
          headers);
    }
    if (failure instanceof IllegalArgumentException) {
      // The published language's value types reject impossible values (negative resources,
      // unknown roles) in their constructors: that is bad input, not a server fault.
      return plain(invalidRequest(messageOr(failure, "the request is invalid")));
    }
    String requestId = RequestIdFilter.requestId(exchange);
    log.error(
        "Unexpected failure answering {} {} (request id {})",
        exchange.getRequest().getMethod(),
        exchange.getRequest().getPath().value(),
        requestId,
        failure);
    return plain(
        ProblemTypes.problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            ProblemTypes.INTERNAL,
            "Internal error",
            "an unexpected error occurred; quote request id " + requestId + " when reporting it"));
  }

  private static ProblemDetail validation(List<ObjectError> errors) {
    List<Map<String, String>> fields = new ArrayList<>();
    for (ObjectError error : errors) {
      String field =
          error instanceof FieldError fieldError
              ? snakeCasePath(fieldError.getField())
              : error.getObjectName();
      fields.add(Map.of("field", field, "message", messageOf(error)));
    }
    return validationProblem(fields);
  }

  private static ProblemDetail parameterValidation(HandlerMethodValidationException invalid) {
    List<Map<String, String>> fields = new ArrayList<>();
    invalid
        .getParameterValidationResults()
        .forEach(
            result -> {
              String name = result.getMethodParameter().getParameterName();
              for (MessageSourceResolvable error : result.getResolvableErrors()) {
                fields.add(
                    Map.of(
                        "field",
                        name == null ? "parameter" : snakeCasePath(name),
                        "message",
                        messageOf(error)));
              }
            });
    return validationProblem(fields);
  }

  private static ProblemDetail validationProblem(List<Map<String, String>> fields) {
    StringBuilder detail = new StringBuilder("the request has invalid fields: ");
    for (int i = 0; i < fields.size(); i++) {
      detail.append(i == 0 ? "" : "; ").append(fields.get(i).get("field")).append(' ');
      detail.append(fields.get(i).get("message"));
    }
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.BAD_REQUEST,
            ProblemTypes.VALIDATION,
            "Validation failed",
            detail.toString());
    problem.setProperty("errors", fields);
    return problem;
  }

  private static String messageOf(MessageSourceResolvable error) {
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }

  private static ProblemDetail invalidRequest(String detail) {
    return ProblemTypes.problem(
        HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail);
  }

  private static String inputDetail(ServerWebInputException input) {
    String reason = input.getReason();
    if (reason != null && reason.startsWith("No request body")) {
      return "a request body is required";
    }
    JacksonException json = find(input, JacksonException.class);
    if (json != null || find(input, DecodingException.class) != null) {
      return bodyDetail(input);
    }
    TypeMismatchException mismatch = find(input, TypeMismatchException.class);
    if (mismatch != null) {
      String name =
          input.getMethodParameter() != null
              ? input.getMethodParameter().getParameterName()
              : mismatch.getPropertyName();
      return "parameter '"
          + (name == null ? "?" : snakeCasePath(name))
          + "' has an invalid value '"
          + mismatch.getValue()
          + "'";
    }
    return reason == null ? "the request is invalid" : reason;
  }

  /** What is wrong with a JSON body, said in terms of the client's own field names. */
  static String bodyDetail(Throwable failure) {
    JacksonException json = find(failure, JacksonException.class);
    if (json == null) {
      return "the request body cannot be read";
    }
    String path = jsonPath(json);
    if (json instanceof InputCoercionException) {
      // A number too large for its field (an int given 99999999999): the JSON itself is fine.
      return path.isEmpty() ? "a number is out of range" : "field '" + path + "' is out of range";
    }
    if (json instanceof StreamReadException) {
      // Only where: Jackson's own message names its internals and the (redacted) source.
      return "malformed JSON"
          + (json.getLocation() != null && json.getLocation().getLineNr() > 0
              ? " at line "
                  + json.getLocation().getLineNr()
                  + ", column "
                  + json.getLocation().getColumnNr()
              : "");
    }
    if (json instanceof ValueInstantiationException) {
      Throwable reason = json.getCause() != null ? json.getCause() : json;
      String message = messageOr(reason, "invalid value");
      return path.isEmpty()
          ? "invalid request: " + message
          : "invalid value for '" + path + "': " + message;
    }
    if (json instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + (path.isEmpty() ? unknown.getPropertyName() : path) + "'";
    }
    if (json instanceof InvalidNullException) {
      return "field '" + path + "' must not be null";
    }
    if (json instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null
        && mismatch.getTargetType().isEnum()) {
      String allowed = String.join(", ", allowedValues(mismatch.getTargetType()));
      return path.isEmpty()
          ? "the request body must be one of: " + allowed
          : "field '" + path + "' must be one of: " + allowed;
    }
    if (json instanceof MismatchedInputException mismatch) {
      String expected = describe(mismatch.getTargetType());
      return path.isEmpty()
          ? "the request body must be " + expected
          : "field '" + path + "' has the wrong type: expected " + expected;
    }
    return path.isEmpty()
        ? "the request body is not valid for this endpoint"
        : "field '" + path + "' is invalid";
  }

  private static String jsonPath(JacksonException json) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : json.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different type";
    }
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == java.math.BigInteger.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of the allowed values";
    }
    return "an object";
  }

  /** The values of {@code type} as JSON spells them ({@code @JsonProperty} names, else names). */
  private static List<String> allowedValues(Class<?> type) {
    List<String> values = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      try {
        JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
        values.add(property != null && !property.value().isEmpty() ? property.value() : name);
      } catch (NoSuchFieldException e) {
        values.add(name);
      }
    }
    return values;
  }

  private Problem fromErrorResponse(ErrorResponse response, String path) {
    ProblemDetail original = response.getBody();
    HttpStatusCode status = response.getStatusCode();
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setType(original.getType());
    problem.setTitle(original.getTitle());
    problem.setDetail(original.getDetail());
    if (original.getProperties() != null) {
      original.getProperties().forEach(problem::setProperty);
    }
    if (status.is5xxServerError()) {
      log.warn("Answering {} for {}: {}", status.value(), path, response.getBody().getDetail());
      problem.setDetail("the server cannot answer this request now");
    } else if (problem.getDetail() == null && status.value() == 404) {
      problem.setDetail("no resource at " + path);
    } else if (problem.getDetail() == null) {
      HttpStatus known = HttpStatus.resolve(status.value());
      problem.setDetail(known == null ? "request failed" : known.getReasonPhrase().toLowerCase());
    }
    HttpHeaders headers = new HttpHeaders();
    headers.addAll(response.getHeaders());
    return new Problem(problem, headers);
  }

  /** The command side's refusals, in the words its aggregates chose. */
  private static Problem domainProblem(Throwable failure) {
    if (failure instanceof QuotaExceeded) {
      return domain(HttpStatus.CONFLICT, ProblemTypes.QUOTA_EXCEEDED, "Quota exceeded", failure);
    }
    if (failure instanceof Conflict) {
      return domain(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", failure);
    }
    if (failure instanceof NotFound) {
      return domain(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", failure);
    }
    if (failure instanceof Forbidden) {
      return domain(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", failure);
    }
    if (failure instanceof Invalid) {
      return domain(
          HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", failure);
    }
    return null;
  }

  private static Problem domain(HttpStatus status, URI type, String title, Throwable failure) {
    return plain(ProblemTypes.problem(status, type, title, messageOr(failure, title)));
  }

  private static boolean isTooLarge(Throwable failure) {
    return failure instanceof ContentTooLargeException
        || find(failure, DataBufferLimitException.class) != null;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current.getCause() != null
        && (current instanceof CompletionException
            || current instanceof ExecutionException
            || current instanceof UndeclaredThrowableException
            || current instanceof InvocationTargetException
            || current instanceof CommandExecutionException)) {
      current = current.getCause();
    }
    return current;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String messageOr(Throwable failure, String fallback) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? fallback : message;
  }

  /** {@code resources.cpuMillis} as the client wrote it: {@code resources.cpu_millis}. */
  static String snakeCasePath(String javaPath) {
    StringBuilder path = new StringBuilder();
    for (String segment : javaPath.split("\\.")) {
      if (!path.isEmpty()) {
        path.append('.');
      }
      int bracket = segment.indexOf('[');
      String name = bracket < 0 ? segment : segment.substring(0, bracket);
      path.append(snakeCase(name));
      if (bracket >= 0) {
        path.append(segment.substring(bracket));
      }
    }
    return path.toString();
  }

  private static String snakeCase(String name) {
    StringBuilder snake = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
          snake.append('_');
        }
        snake.append(Character.toLowerCase(c));
      } else {
        snake.append(c);
      }
    }
    return snake.toString();
  }

  private static Problem plain(ProblemDetail problem) {
    return new Problem(problem, new HttpHeaders());
  }
}
