package io.streamspace.events.agent;

/** Hibernate this session; repeating the same {@code commandId} changes nothing more. */
public record HibernateSessionOrder(String commandId, String sessionId, String reason) {}
