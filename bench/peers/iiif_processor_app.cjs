"use strict";
// The smallest HTTP server around iiif-processor (npm, on sharp/libvips), for bench/peers:
// `node iiif_processor_app.cjs <image folder>` serves /iiif/{2,3}/<file name>/… and prints its
// port on stdout. iiif-processor is found through NODE_PATH (installed outside the repository).
const { createServer } = require("node:http");
const { createReadStream } = require("node:fs");
const path = require("node:path");
const { Processor } = require("iiif-processor");

const imageFolder = process.argv[2];
// iiif-processor wants a promise of a stream.
const streamResolver = ({ id }) =>
  Promise.resolve(createReadStream(path.join(imageFolder, path.basename(id))));

const server = createServer(async (request, response) => {
  try {
    const url = `http://${request.headers.host}${request.url}`;
    const result = await new Processor(url, streamResolver).execute();
    if (result.type === "content") {
      response.writeHead(200, { "content-type": result.contentType }).end(result.body);
    } else if (result.type === "redirect") {
      response.writeHead(303, { location: result.location }).end();
    } else {
      response.writeHead(result.statusCode ?? 500).end(String(result.message));
    }
  } catch (error) {
    response.writeHead(error.statusCode ?? 500).end(String(error.message));
  }
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
