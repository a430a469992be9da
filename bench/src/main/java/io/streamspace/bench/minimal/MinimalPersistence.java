package io.streamspace.bench.minimal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL without Axon Server, as the server wires it (STACK.md traps 2, 3 and 5): the
 * JDBC event and token stores on the same table shapes, a real transaction manager, and a pooled
 * streaming processor with two segments and batches of up to 100 events.
 */
@Configuration(proxyBeanMethods = false)
class MinimalPersistence {

  private static final String SCHEMA =
      """
      create table if not exists domain_event_entry (
          global_index bigserial not null primary key,
          event_identifier varchar(255) not null unique,
          meta_data bytea,
          payload bytea not null,
          payload_revision varchar(255),
          payload_type varchar(255) not null,
          time_stamp varchar(255) not null,
          aggregate_identifier varchar(255) not null,
          sequence_number bigint not null,
          type varchar(255),
          unique (aggregate_identifier, sequence_number));
      create table if not exists snapshot_event_entry (
          aggregate_identifier varchar(255) not null,
          sequence_number bigint not null,
          type varchar(255) not null,
          event_identifier varchar(255) not null unique,
          meta_data bytea,
          payload bytea not null,
          payload_revision varchar(255),
          payload_type varchar(255) not null,
          time_stamp varchar(255) not null,
          primary key (aggregate_identifier, sequence_number));
      create table if not exists token_entry (
          processor_name varchar(255) not null,
          segment integer not null,
          token bytea,
          token_type varchar(255),
          timestamp varchar(255),
          owner varchar(255),
          primary key (processor_name, segment));
      create table if not exists opened_session (
          id text primary key,
          template_id text not null,
          status text not null,
          opened_at timestamptz not null);
      """;

  /** The pool of the server's size (20), with the tables created before Axon starts. */
  @Bean(destroyMethod = "close")
  @Primary
  HikariDataSource dataSource(@Value("${minimal.jdbc-url}") String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("minimal-jdbc");
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(20);
    HikariDataSource dataSource = new HikariDataSource(config);
    new JdbcTemplate(dataSource).execute(SCHEMA);
    return dataSource;
  }

  @Bean
  @Primary
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcTemplate jdbcTemplate(DataSource dataSource) {
    return new JdbcTemplate(dataSource);
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
  EventStorageEngine eventStorageEngine(
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer) {
    return JdbcEventStorageEngine.builder()
        .connectionProvider(connectionProvider)
        .transactionManager(transactionManager)
        .schema(
            EventSchema.builder()
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
                .build())
        .eventSerializer(eventSerializer)
        .snapshotSerializer(serializer)
        .dataType(byte[].class)
        .build();
  }

  @Bean
  TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
    return JdbcTokenStore.builder()
        .connectionProvider(connectionProvider)
        .serializer(serializer)
        .schema(
            TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build())
        .contentType(byte[].class)
        .build();
  }

  @Bean
  ConfigurerModule openedSessionsProcessor() {
    return configurer ->
        configurer
            .eventProcessing()
            .registerPooledStreamingEventProcessor(
                OpenedSessionsProjection.PROCESSOR,
                org.axonframework.config.Configuration::eventStore,
                (config, builder) -> builder.initialSegmentCount(2).batchSize(100));
  }
}
