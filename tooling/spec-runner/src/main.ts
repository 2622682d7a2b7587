console.log("spec runner: not yet written");
