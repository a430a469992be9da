package io.streamspace.command.web;

import io.streamspace.command.common.CommandExecutor;
import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.organization.InMemoryOrganizationNames;
import io.streamspace.command.organization.InMemoryOrganizationQuotas;
import io.streamspace.command.organization.Organization;
import io.streamspace.command.organization.OrganizationCommandController;
import io.streamspace.command.organization.OrganizationCreation;
import io.streamspace.command.organization.OrganizationQuotaChange;
import io.streamspace.command.session.Session;
import io.streamspace.command.session.SessionCommandController;
import io.streamspace.command.session.SessionCreationHandler;
import io.streamspace.command.session.SessionEndingHandler;
import io.streamspace.command.template.Template;
import io.streamspace.command.template.TemplateCommandController;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write controllers on Axon's real command bus and aggregates (events in memory), behind a
 * WebFlux pipeline with the API's JSON conventions. The server's own pipeline (JWT, problem+json
 * mapping, Idempotency-Key) is stood in for by two small pieces: a header naming the caller, and an
 * advice mapping the domain exceptions to their statuses.
 */
final class WriteApiHarness implements AutoCloseable {

  /** {@code user-id,organization-id,role}: who the request is from. */
  static final String CALLER_HEADER = "X-Test-Caller";

  final Configuration axon;
  final CommandExecutor executor = new CommandExecutor(4, 100, java.time.Duration.ofSeconds(5));
  final WebTestClient client;

  WriteApiHarness() {
    PublishedLanguageTargetResolver resolver = new PublishedLanguageTargetResolver();
    InMemoryOrganizationQuotas quotas = new InMemoryOrganizationQuotas();
    axon =
        DefaultConfigurer.defaultConfiguration()
            .configureSerializer(c -> Jackson3Serializer.builder().build())
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Organization.class)
                    .configureCommandTargetResolver(c -> resolver))
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Template.class)
                    .configureCommandTargetResolver(c -> resolver))
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Session.class)
                    .configureCommandTargetResolver(c -> resolver))
            .registerCommandHandler(
                c ->
                    new SessionCreationHandler(
                        c.repository(Session.class),
                        c.repository(Template.class),
                        quotas,
                        // an agent could take every session: the dispatcher is not in this harness
                        (template, resources) -> java.util.Optional.empty()))
            .registerCommandHandler(
                c -> new SessionEndingHandler(c.repository(Session.class), quotas))
            .registerCommandHandler(
                c ->
                    new OrganizationCreation(
                        c.repository(Organization.class), new InMemoryOrganizationNames(), quotas))
            .registerCommandHandler(
                c -> new OrganizationQuotaChange(c.repository(Organization.class), quotas))
            .buildConfiguration();
    axon.start();

    CommandSender sender = new CommandSender(axon.commandGateway(), executor);
    JsonMapper json =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
    validator.afterPropertiesSet();
    client =
        WebTestClient.bindToController(
                new SessionCommandController(sender),
                new TemplateCommandController(sender),
                new OrganizationCommandController(sender))
            .controllerAdvice(new DomainStatuses())
            .argumentResolvers(resolvers -> resolvers.addCustomResolver(new HeaderCaller()))
            .validator(validator)
            .httpMessageCodecs(
                codecs -> {
                  codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json));
                  codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
                })
            .configureClient()
            .build();
  }

  static String header(Requester requester) {
    return String.join(
        ",", requester.userId(), requester.organizationId(), requester.role().wireName());
  }

  @Override
  public void close() {
    executor.close();
    axon.shutdown();
  }

  /** Reads the caller from {@link #CALLER_HEADER}, where the server would read the JWT. */
  static final class HeaderCaller implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Mono<Object> resolveArgument(
        MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
      String[] parts = exchange.getRequest().getHeaders().getFirst(CALLER_HEADER).split(",");
      Requester requester = new Requester(parts[0], parts[1], Role.fromWireName(parts[2]));
      return Mono.just(new Caller(requester, "req", "127.0.0.1", "test"));
    }
  }

  /** The statuses the server's problem+json mapping gives the domain's refusals. */
  @RestControllerAdvice
  static final class DomainStatuses {

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
      return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
      return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
      return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
      return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalidFields(WebExchangeBindException e) {
      return ProblemDetail.forStatusAndDetail(
          HttpStatus.BAD_REQUEST,
          e.getFieldErrors().stream().map(f -> f.getField()).sorted().toList().toString());
    }
  }
}
