package io.konnectivity.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

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
        String body = body(response);
        if (response.code() != 201) {
            throw new IllegalStateException("The sandbox store refused " + object.getKind() + " "
                    + object.getMetadata().getName() + " at " + path + " with " + response.code() + ": " + body);
        }
        @SuppressWarnings("unchecked")
        T stored = (T) Serialization.unmarshal(body, object.getClass());
        return stored;
    }

    /** The stored object at {@code path}, or empty if there is none. */
    <T extends HasMetadata> Optional<T> get(String path, Class<T> type) {
        MockResponse response = crud.handleGet(path);
        if (response.code() != 200) {
            return Optional.empty();
        }
        return Optional.of(Serialization.unmarshal(body(response), type));
    }

    /** The stored objects a collection path with an optional label selector matches. */
    <T extends HasMetadata> List<T> list(String path, Class<T> type) {
        KubernetesList list = Serialization.unmarshal(body(crud.handleGet(path)), KubernetesList.class);
        return list.getItems().stream().map(type::cast).toList();
    }

    /** Replaces a stored object whole, status included, whatever its resource version. */
    void replace(HasMetadata object) {
        write(objectPath(object), object);
    }

    /** Replaces the status of a stored object. */
    void replaceStatus(HasMetadata object) {
        write(objectPath(object) + "/status", object);
    }

    void delete(HasMetadata object) {
        crud.handleDelete(objectPath(object));
    }

    private void write(String path, HasMetadata object) {
        HasMetadata copy = Serialization.clone(object);
        copy.getMetadata().setResourceVersion(null);
        RecordedRequest put = new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.PUT,
                path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(Serialization.asJson(copy).getBytes(StandardCharsets.UTF_8)));
        MockResponse response = crud.handleUpdate(put);
        if (response.code() != 200) {
            throw new IllegalStateException(
                    "The sandbox store refused to update " + path + " with " + response.code() + ": " + body(response));
        }
    }

    static String objectPath(HasMetadata object) {
        return collectionPath(object) + "/" + object.getMetadata().getName();
    }

    private static String body(MockResponse response) {
        return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
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
