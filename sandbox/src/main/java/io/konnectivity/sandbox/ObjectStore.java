package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/** Writes objects straight into fabric8's CRUD store, as a POST to the API would, without a round trip. */
final class ObjectStore {

    private final KubernetesCrudDispatcher crud;

    ObjectStore(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    /** Stores a new object and returns it as stored, with the uid, resource version and timestamp the store set. */
    <T extends HasMetadata> T create(T object) {
        String path = collectionPath(object);
        RecordedRequest post = new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.POST,
                path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(Serialization.asJson(object).getBytes(StandardCharsets.UTF_8)));
        MockResponse response = crud.handleCreate(post);
        String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
        if (response.code() != 201) {
            throw new IllegalStateException("The sandbox store refused " + object.getKind() + " "
                    + object.getMetadata().getName() + " at " + path + " with " + response.code() + ": " + body);
        }
        @SuppressWarnings("unchecked")
        T stored = (T) Serialization.unmarshal(body, object.getClass());
        return stored;
    }

    static String collectionPath(HasMetadata object) {
        Class<? extends HasMetadata> type = object.getClass();
        String group = HasMetadata.getGroup(type);
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
        path.append(HasMetadata.getVersion(type));
        if (object instanceof Namespaced) {
            path.append("/namespaces/").append(object.getMetadata().getNamespace());
        }
        return path.append('/').append(HasMetadata.getPlural(type)).toString();
    }
}
