// Placeholder entry for the task pane; replaced by the task pane's own code.
export {};
