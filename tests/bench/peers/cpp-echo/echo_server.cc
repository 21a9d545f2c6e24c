// Reference C++ peer for the h2load unary-echo comparison.
//
// Usage: echo_server <port>
// Listens on 127.0.0.1:<port> (insecure, h2c) and serves
// /bench.echo.Echo/Echo by returning the request payload unchanged.
// Uses the libgrpc++ callback API. Prints "listening on <port>" once the
// server is accepting, and shuts down cleanly on SIGINT/SIGTERM.

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <pthread.h>

#include <grpcpp/grpcpp.h>

#include "echo.grpc.pb.h"

namespace {

class EchoService final : public bench::echo::Echo::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const bench::echo::EchoMessage* request,
                                 bench::echo::EchoMessage* response) override {
    response->set_payload(request->payload());
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

int ParsePort(const char* text) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value <= 0 || value > 65535) {
    return -1;
  }
  return static_cast<int>(value);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <port>\n", argv[0]);
    return 2;
  }
  const int port = ParsePort(argv[1]);
  if (port < 0) {
    std::fprintf(stderr, "invalid port: %s\n", argv[1]);
    return 2;
  }

  // Block the shutdown signals before gRPC starts its threads so that they
  // inherit the mask and only the sigwait() below ever receives them.
  sigset_t shutdown_signals;
  sigemptyset(&shutdown_signals);
  sigaddset(&shutdown_signals, SIGINT);
  sigaddset(&shutdown_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &shutdown_signals, nullptr);

  EchoService service;
  grpc::ServerBuilder builder;
  int bound_port = 0;
  const std::string address = "127.0.0.1:" + std::to_string(port);
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(),
                           &bound_port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) {
    std::fprintf(stderr, "failed to listen on %s\n", address.c_str());
    return 1;
  }

  std::printf("listening on %d\n", bound_port);
  std::fflush(stdout);

  int received = 0;
  sigwait(&shutdown_signals, &received);

  // Give in-flight calls a moment, then cancel whatever is left.
  server->Shutdown(std::chrono::system_clock::now() +
                   std::chrono::seconds(2));
  server->Wait();
  return 0;
}
