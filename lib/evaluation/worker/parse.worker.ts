// The evaluation's parse worker: reads, hashes and encodes the dataset (batch-reader.ts) and hands
// the batches to the evaluation worker over the MessagePort the page gives it first, so reading
// the file and running the model proceed side by side on two cores.
import { serveBatches } from './parse-channel';
import { datasetSource } from './dataset-source';

const scope = self as unknown as { onmessage: ((e: MessageEvent<{ type: 'connect'; port: MessagePort }>) => void) | null };

scope.onmessage = (event) => {
  if (event.data.type !== 'connect') return;
  scope.onmessage = null;
  serveBatches(event.data.port, (dataset) => datasetSource(dataset));
};
