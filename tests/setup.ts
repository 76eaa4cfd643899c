import * as tf from '@tensorflow/tfjs';

tf.enableProdMode();
await tf.setBackend('cpu');
