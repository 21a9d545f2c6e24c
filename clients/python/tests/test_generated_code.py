"""The committed generated modules describe exactly the protos in protos/ (compared as
descriptors, so a different protoc version that prints the code differently still agrees)."""

import os
import shutil
import subprocess
import tempfile
import unittest

import support

import grpc
from google.protobuf import descriptor_pb2
from scoringgrid.grpc_health.v1 import health_pb2, health_pb2_grpc
from scoringgrid.v1 import (accounts_pb2, accounts_pb2_grpc, ingest_pb2, ingest_pb2_grpc, interactions_pb2,
                            scores_pb2, scores_pb2_grpc)

PROTOS = os.path.join(support.CLIENT_ROOT, "..", "..", "protos")
MODULES = {
    "scoringgrid/v1/accounts.proto": accounts_pb2,
    "scoringgrid/v1/ingest.proto": ingest_pb2,
    "scoringgrid/v1/interactions.proto": interactions_pb2,
    "scoringgrid/v1/scores.proto": scores_pb2,
    "grpc/health/v1/health.proto": health_pb2,
}


def _without_json_names(file_proto):
    def clear(message):
        for field in message.field:
            field.ClearField("json_name")
        for nested in message.nested_type:
            clear(nested)
    for message in file_proto.message_type:
        clear(message)
    return file_proto


class GeneratedCodeTest(unittest.TestCase):
    def test_every_proto_has_its_module_and_no_more(self):
        found = set()
        for folder in ("scoringgrid/v1", "grpc/health/v1"):
            names = os.listdir(os.path.join(PROTOS, folder))
            found |= {f"{folder}/{name}" for name in names if name.endswith(".proto")}
        self.assertEqual(found, set(MODULES))

    def test_modules_match_the_protos(self):
        protoc = shutil.which("protoc")
        self.assertIsNotNone(protoc, "protoc is needed to check the generated code (apt-get install protobuf-compiler)")
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "set.pb")
            subprocess.run([protoc, "-I", PROTOS, f"--descriptor_set_out={out}", *MODULES], check=True, timeout=60)
            with open(out, "rb") as f:
                descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(f.read())
        for expected in descriptor_set.file:
            with self.subTest(proto=expected.name):
                actual = descriptor_pb2.FileDescriptorProto.FromString(MODULES[expected.name].DESCRIPTOR.serialized_pb)
                self.assertEqual(actual, _without_json_names(expected),
                                 f"{expected.name} changed: run clients/python/generate.sh")

    def test_every_service_method_has_a_stub(self):
        stubs = {"IngestService": ingest_pb2_grpc.IngestServiceStub,
                 "AccountService": accounts_pb2_grpc.AccountServiceStub,
                 "ScoreService": scores_pb2_grpc.ScoreServiceStub,
                 "Health": health_pb2_grpc.HealthStub}
        with grpc.insecure_channel("127.0.0.1:1") as channel:   # never connected: stubs only
            for module in MODULES.values():
                for service in module.DESCRIPTOR.services_by_name.values():
                    stub = stubs[service.name](channel)
                    for method in service.methods:
                        self.assertTrue(hasattr(stub, method.name), f"{service.name}.{method.name}")


if __name__ == "__main__":
    unittest.main()
