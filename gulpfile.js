const { src, dest } = require('gulp');

// tsc only emits .js; n8n loads each node's and credential's `file:` icon from beside the compiled file.
function copyIcons() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
