package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.server.axon.AxonSerializationConfiguration;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A replay leaves replay tokens in the token store; the serializer must read them back, or a reset
 * processor never starts again.
 */
class ReplayTokenSerializationTest {

  private final Serializer serializer = AxonSerializationConfiguration.streamSpaceSerializer();

  @Test
  void aReplayTokenSurvivesTheTokenStoresSerializer() {
    TrackingToken token =
        ReplayToken.createReplayToken(
            GapAwareTrackingToken.newInstance(41, List.of(39L)),
            GapAwareTrackingToken.newInstance(7, List.of()));

    SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);
    TrackingToken read = serializer.deserialize(stored);

    assertThat(read).isEqualTo(token);
  }
}
