package io.streamspace.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live stream ({@code streamspace.query.live.*}).
 *
 * @param keepAlive how often an idle stream sends a comment, so proxies keep it open
 * @param reconnectPause how long the listener waits before listening again after its database
 *     connection failed
 * @param bufferSize changes held for one slow client; past that its stream ends, and the client
 *     reconnects and reads everything afresh
 */
@ConfigurationProperties("streamspace.query.live")
public record LiveProperties(
    @DefaultValue("15s") Duration keepAlive,
    @DefaultValue("2s") Duration reconnectPause,
    @DefaultValue("1024") int bufferSize) {}
