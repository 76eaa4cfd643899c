// The parts of mediabunny the WebM writer uses, imported by name so the bundle keeps only them
// (a namespace import of the package would pull its demuxers and every format in).
export { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Output, WebMOutputFormat } from 'mediabunny';
