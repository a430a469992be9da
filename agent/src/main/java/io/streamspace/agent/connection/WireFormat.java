package io.streamspace.agent.connection;

import io.netty.buffer.PooledByteBufAllocator;
import org.springframework.core.codec.CharSequenceEncoder;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent protocol's encoding, the same on both ends: JSON from a plain Jackson 3 mapper with
 * default settings (camelCase record components, enums by their wire names, ISO-8601 instants),
 * deliberately not the application's global Jackson settings, which may differ (the server's REST
 * API uses snake_case).
 */
public final class WireFormat {

  public static final MimeType DATA = MimeTypeUtils.APPLICATION_JSON;
  public static final MimeType METADATA =
      MimeType.valueOf("message/x.rsocket.composite-metadata.v0");

  private WireFormat() {}

  /** The mapper for payloads. */
  public static JsonMapper jsonMapper() {
    return JsonMapper.builder().build();
  }

  /**
   * RSocket strategies that encode and decode payloads with {@code mapper}, on Netty buffers: with
   * those Spring's requester decodes the link's payloads as slices of the received frames, not heap
   * copies (the tunnels and Spring's handlers release them).
   */
  public static RSocketStrategies strategies(JsonMapper mapper) {
    return RSocketStrategies.builder()
        .dataBufferFactory(new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT))
        .encoder(new JacksonJsonEncoder(mapper), CharSequenceEncoder.allMimeTypes())
        .decoder(new JacksonJsonDecoder(mapper), StringDecoder.allMimeTypes())
        .build();
  }
}
