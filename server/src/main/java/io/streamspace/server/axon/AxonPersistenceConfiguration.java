package io.streamspace.server.axon;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.query.audit.StoredEvents;
import io.streamspace.query.projection.ProjectionProperties;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon without Axon Server: events, snapshots, tokens, sagas and dead letters in PostgreSQL through
 * Axon's JDBC components, on the tables the Flyway migrations own.
 *
 * <p>Every component is declared here rather than left to Axon's auto-configuration, whose ordering
 * on Boot 4 can silently fall back to an in-memory bus without transactions (STACK.md traps 2, 3,
 * 5, 6).
 */
@Configuration(proxyBeanMethods = false)
public class AxonPersistenceConfiguration {

  /**
   * Axon's embedded store, whose reader of new events local commits wake at most once per the read
   * models' wake interval ({@link GatheringEventStore}).
   */
  @Bean(name = "eventBus")
  @Qualifier("eventStore")
  EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine,
      org.axonframework.config.Configuration configuration,
      ProjectionProperties projections) {
    return new GatheringEventStore(
        EmbeddedEventStore.builder()
            .storageEngine(storageEngine)
            .cachedEvents(projections.cachedEvents())
            .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
            .spanFactory(configuration.getComponent(EventBusSpanFactory.class)),
        Duration.ofMillis(projections.wakeIntervalMillis()));
  }

  @Bean
  TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
    return new SpringTransactionManager(transactionManager);
  }

  @Bean
  ConnectionProvider axonConnectionProvider(DataSource dataSource) {
    return new SpringDataSourceConnectionProvider(dataSource);
  }

  @Bean
  PersistenceExceptionResolver persistenceExceptionResolver() {
    return new PostgresDuplicateKeyResolver();
  }

  @Bean
  EventSchema eventSchema() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .eventIdentifierColumn("event_identifier")
        .metaDataColumn("meta_data")
        .payloadColumn("payload")
        .payloadRevisionColumn("payload_revision")
        .payloadTypeColumn("payload_type")
        .timestampColumn("time_stamp")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .build();
  }

  @Bean
  EventStorageEngine eventStorageEngine(
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      PersistenceExceptionResolver persistenceExceptionResolver,
      EventSchema eventSchema,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer,
      List<EventUpcaster> upcasters,
      ProjectionProperties projections) {
    // the store's reader fetches new events once per the read models' wake interval
    return new PacedJdbcEventStorageEngine(
        JdbcEventStorageEngine.builder()
            .connectionProvider(connectionProvider)
            .transactionManager(transactionManager)
            .persistenceExceptionResolver(persistenceExceptionResolver)
            .schema(eventSchema)
            .eventSerializer(eventSerializer)
            .snapshotSerializer(serializer)
            .upcasterChain(new EventUpcasterChain(upcasters))
            .appendEvents(new AuditedAppends())
            .dataType(byte[].class),
        Duration.ofMillis(projections.wakeIntervalMillis()));
  }

  /** How the audit log reads the event store's rows back: as the store itself reads them. */
  @Bean
  StoredEvents storedEvents(
      @Qualifier("eventSerializer") Serializer eventSerializer, List<EventUpcaster> upcasters) {
    return new StoredEvents(eventSerializer, new EventUpcasterChain(upcasters));
  }

  @Bean
  TokenSchema tokenSchema() {
    return TokenSchema.builder()
        .setTokenTable("token_entry")
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("timestamp")
        .setOwnerColumn("owner")
        .build();
  }

  @Bean
  TokenStore tokenStore(
      ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema) {
    return JdbcTokenStore.builder()
        .connectionProvider(connectionProvider)
        .serializer(serializer)
        .schema(tokenSchema)
        .contentType(byte[].class)
        .build();
  }

  @Bean
  JdbcSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
    SagaSchema schema =
        SagaSchema.builder()
            .sagaEntryTable("saga_entry")
            .associationValueEntryTable("association_value_entry")
            .sagaIdColumn("saga_id")
            .revisionColumn("revision")
            .sagaTypeColumn("saga_type")
            .serializedSagaColumn("serialized_saga")
            .associationKeyColumn("association_key")
            .associationValueColumn("association_value")
            .build();
    return JdbcSagaStore.builder()
        .connectionProvider(connectionProvider)
        .serializer(serializer)
        .sqlSchema(new PostgresSagaSqlSchema(schema))
        .build();
  }

  @Bean
  DeadLetterSchema deadLetterSchema() {
    return DeadLetterSchema.builder()
        .deadLetterTable("dead_letter_entry")
        .deadLetterIdentifierColumn("dead_letter_id")
        .processingGroupColumn("processing_group")
        .sequenceIdentifierColumn("sequence_identifier")
        .sequenceIndexColumn("sequence_index")
        .messageTypeColumn("message_type")
        .eventIdentifierColumn("event_identifier")
        .timestampColumn("time_stamp")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .aggregateTypeColumn("aggregate_type")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .tokenTypeColumn("token_type")
        .tokenColumn("token")
        .enqueuedAtColumn("enqueued_at")
        .lastTouchedColumn("last_touched")
        .processingStartedColumn("processing_started")
        .causeTypeColumn("cause_type")
        .causeMessageColumn("cause_message")
        .diagnosticsColumn("diagnostics")
        .build();
  }

  /**
   * Every processing group parks events it cannot handle in PostgreSQL instead of stalling its
   * segment or dropping them.
   */
  @Bean
  ConfigurerModule deadLetterQueues(
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      DeadLetterSchema deadLetterSchema,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer) {
    return configurer ->
        configurer
            .eventProcessing()
            .registerDeadLetterQueueProvider(
                processingGroup ->
                    configuration ->
                        JdbcSequencedDeadLetterQueue.builder()
                            .processingGroup(processingGroup)
                            .connectionProvider(connectionProvider)
                            .transactionManager(transactionManager)
                            .schema(deadLetterSchema)
                            .eventSerializer(eventSerializer)
                            .genericSerializer(serializer)
                            .build());
  }

  /** Copies the audit metadata of each command onto every event it causes. */
  @Bean
  CorrelationDataProvider auditMetadataCorrelation() {
    return new SimpleCorrelationDataProvider(AuditMetadata.KEYS.toArray(String[]::new));
  }

  @Bean
  CorrelationDataProvider messageOriginCorrelation() {
    return new MessageOriginProvider();
  }
}
